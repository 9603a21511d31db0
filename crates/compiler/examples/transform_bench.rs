//! Times `apiroutes_compiler::transform` on a generated ~300-line TypeScript handler, or
//! compiles the files given as arguments and prints their kind or diagnostics.
//!
//! `cargo run --release -p apiroutes-compiler --example transform_bench [FILE...]`

use std::path::Path;
use std::time::Instant;

/// A realistic API-route module: types, an enum, a class with parameter properties and a
/// handler per block, repeated until it is about 300 lines long.
fn generated_typescript() -> String {
    let mut source = String::from(
        "import type { NextApiRequest, NextApiResponse } from 'next';\n\
         import { z } from 'zod';\n\n\
         enum Status { Active = 'active', Disabled = 'disabled' }\n\n",
    );
    let mut block = 0;
    while source.lines().count() < 300 {
        source.push_str(&format!(
            "interface Item{block} {{\n  id: number;\n  name: string;\n  status: Status;\n}}\n\n\
             class Store{block} {{\n  constructor(private readonly items: Item{block}[] = []) {{}}\n\
             \x20 find(id: number): Item{block} | undefined {{\n    return this.items.find((item) => item.id === id);\n  }}\n\
             \x20 add(item: Item{block}): void {{\n    this.items.push(item);\n  }}\n}}\n\n\
             export async function handler{block}(req: NextApiRequest, res: NextApiResponse<Item{block}[]>) {{\n\
             \x20 const store = new Store{block}();\n  const id = Number(req.query.id as string);\n\
             \x20 const parsed = z.object({{ name: z.string() }}).safeParse(req.body);\n\
             \x20 if (!parsed.success) return res.status(400).end();\n\
             \x20 store.add({{ id, name: parsed.data.name, status: Status.Active }});\n\
             \x20 res.status(200).json([store.find(id)!]);\n}}\n\n"
        ));
        block += 1;
    }
    source
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if !paths.is_empty() {
        for path in paths {
            let source = match std::fs::read_to_string(&path) {
                Ok(source) => source,
                Err(error) => {
                    eprintln!("{path}: {error}");
                    continue;
                }
            };
            match apiroutes_compiler::transform(Path::new(&path), &source) {
                Ok(out) => println!(
                    "{path}: {:?} imports={:?} requires={} cjs_export_names={:?} reexports={:?}",
                    out.kind,
                    out.imports,
                    out.requires.len(),
                    out.cjs_export_names,
                    out.reexports
                ),
                Err(error) => println!("{error}"),
            }
        }
        return;
    }

    let source = generated_typescript();
    let path = Path::new("pages/api/bench.ts");
    let iterations = 2000;
    let started = Instant::now();
    for _ in 0..iterations {
        if let Err(error) = apiroutes_compiler::transform(path, &source) {
            eprintln!("{error}");
            return;
        }
    }
    let per_file = started.elapsed() / iterations;
    println!(
        "{} lines of TypeScript: {per_file:?} per transform",
        source.lines().count()
    );
}
