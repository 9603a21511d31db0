//! One read-only walk over a (transformed) program that collects the facts the runtime and
//! `apiroutes build` need: whether the module is ESM, its static and literal dynamic import
//! specifiers, literal `require()` specifiers, top-level `await`, JSX presence, and the
//! CommonJS export names a cjs-module-lexer style scan would find.

use oxc::ast::ast::{
    Argument, AssignmentExpression, AssignmentTarget, CallExpression, Declaration, Expression,
    ForOfStatement, Function, ImportExpression, ImportMeta, JSXElement, JSXFragment,
    MemberExpression, ObjectExpression, ObjectPropertyKind, Program, Statement,
};
use oxc::ast_visit::{walk, Visit};
use oxc::syntax::scope::ScopeFlags;

/// Everything [`scan_program`] learns about one module.
#[derive(Debug, Default)]
pub(crate) struct ModuleFacts {
    /// A top-level `import`/`export` declaration exists.
    pub has_module_declarations: bool,
    /// `import.meta` appears anywhere.
    pub has_import_meta: bool,
    /// An `await` (or `for await`) outside every function.
    pub has_top_level_await: bool,
    /// JSX elements or fragments appear (only possible before the JSX transform ran).
    pub has_jsx: bool,
    /// Static `import`/`export ... from` specifiers and literal `import()` specifiers, in
    /// source order, without duplicates.
    pub imports: Vec<String>,
    /// Literal `require("x")` specifiers, in source order, without duplicates.
    pub requires: Vec<String>,
    /// Named exports found by the CommonJS patterns, in source order, without duplicates.
    pub cjs_export_names: Vec<String>,
    /// Specifiers of `module.exports = require("x")` and `...require("x")` spreads in a
    /// `module.exports = { ... }` literal.
    pub reexports: Vec<String>,
    /// Names an ES module exports itself (`export function GET`, `export const config`,
    /// `export { a as b }`, `default`), in source order; re-exports from other modules
    /// are not followed.
    pub esm_export_names: Vec<String>,
}

/// Walks `program` once and returns its [`ModuleFacts`].
pub(crate) fn scan_program(program: &Program<'_>) -> ModuleFacts {
    let mut scanner = Scanner {
        facts: ModuleFacts::default(),
        function_depth: 0,
    };
    scanner.collect_module_declarations(program);
    scanner.visit_program(program);
    scanner.facts
}

struct Scanner {
    facts: ModuleFacts,
    /// How many function bodies enclose the current node: `await` at depth 0 is top-level.
    function_depth: u32,
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|existing| existing == value) {
        list.push(value.to_owned());
    }
}

/// The specifier of `require("x")` (or `` require(`x`) `` without substitutions).
fn literal_require_specifier<'a>(call: &CallExpression<'a>) -> Option<&'a str> {
    if !call.callee.is_specific_id("require") || call.arguments.len() != 1 {
        return None;
    }
    literal_string_argument(&call.arguments[0])
}

fn literal_string_argument<'a>(argument: &Argument<'a>) -> Option<&'a str> {
    match argument {
        Argument::StringLiteral(literal) => Some(literal.value.as_str()),
        Argument::TemplateLiteral(template) if template.expressions.is_empty() => template
            .quasis
            .first()
            .and_then(|quasi| quasi.value.cooked)
            .map(|s| s.as_str()),
        _ => None,
    }
}

fn literal_string_expression<'a>(expression: &Expression<'a>) -> Option<&'a str> {
    match expression.without_parentheses() {
        Expression::StringLiteral(literal) => Some(literal.value.as_str()),
        Expression::TemplateLiteral(template) if template.expressions.is_empty() => template
            .quasis
            .first()
            .and_then(|quasi| quasi.value.cooked)
            .map(|s| s.as_str()),
        _ => None,
    }
}

/// `exports` or `module.exports`: the objects whose properties become named exports.
fn is_exports_object(expression: &Expression<'_>) -> bool {
    let expression = expression.without_parentheses();
    expression.is_specific_id("exports") || is_module_exports(expression)
}

fn is_module_exports(expression: &Expression<'_>) -> bool {
    expression
        .without_parentheses()
        .as_member_expression()
        .is_some_and(|member| is_module_exports_member(member))
}

fn is_module_exports_member(member: &MemberExpression<'_>) -> bool {
    member
        .object()
        .without_parentheses()
        .is_specific_id("module")
        && member.static_property_name() == Some("exports")
}

impl Scanner {
    fn collect_module_declarations(&mut self, program: &Program<'_>) {
        for statement in &program.body {
            match statement {
                Statement::ImportDeclaration(import) => {
                    self.facts.has_module_declarations = true;
                    push_unique(&mut self.facts.imports, import.source.value.as_str());
                }
                Statement::ExportAllDeclaration(export) => {
                    self.facts.has_module_declarations = true;
                    push_unique(&mut self.facts.imports, export.source.value.as_str());
                }
                Statement::ExportFromDeclaration(export) => {
                    self.facts.has_module_declarations = true;
                    push_unique(&mut self.facts.imports, export.source.value.as_str());
                }
                Statement::ExportDefaultDeclaration(_) => {
                    self.facts.has_module_declarations = true;
                    push_unique(&mut self.facts.esm_export_names, "default");
                }
                Statement::ExportDeclaration(export) => {
                    self.facts.has_module_declarations = true;
                    self.record_declaration_exports(&export.declaration);
                }
                Statement::ExportNamedDeclaration(export) => {
                    self.facts.has_module_declarations = true;
                    for specifier in &export.specifiers {
                        let name = specifier.exported.name();
                        push_unique(&mut self.facts.esm_export_names, name.as_str());
                    }
                }
                _ => {}
            }
        }
    }

    /// The names bound by `export <declaration>` (types and interfaces bind none).
    fn record_declaration_exports(&mut self, declaration: &Declaration<'_>) {
        match declaration {
            Declaration::FunctionDeclaration(function) => {
                if let Some(id) = &function.id {
                    push_unique(&mut self.facts.esm_export_names, id.name.as_str());
                }
            }
            Declaration::ClassDeclaration(class) => {
                if let Some(id) = &class.id {
                    push_unique(&mut self.facts.esm_export_names, id.name.as_str());
                }
            }
            Declaration::VariableDeclaration(variables) => {
                for declarator in &variables.declarations {
                    for id in declarator.id.get_binding_identifiers() {
                        push_unique(&mut self.facts.esm_export_names, id.name.as_str());
                    }
                }
            }
            _ => {}
        }
    }

    /// `module.exports = <right>`: object literal keys become names, `require()` re-exports.
    fn record_module_exports_value(&mut self, right: &Expression<'_>) {
        match right.without_parentheses() {
            Expression::ObjectExpression(object) => self.record_object_literal_exports(object),
            Expression::CallExpression(call) => {
                if let Some(specifier) = literal_require_specifier(call) {
                    push_unique(&mut self.facts.reexports, specifier);
                }
            }
            _ => {}
        }
    }

    fn record_object_literal_exports(&mut self, object: &ObjectExpression<'_>) {
        for property in &object.properties {
            match property {
                ObjectPropertyKind::ObjectProperty(property) if !property.computed => {
                    if let Some(name) = property.key.static_name() {
                        push_unique(&mut self.facts.cjs_export_names, &name);
                    }
                }
                ObjectPropertyKind::SpreadProperty(spread) => {
                    if let Expression::CallExpression(call) = spread.argument.without_parentheses()
                    {
                        if let Some(specifier) = literal_require_specifier(call) {
                            push_unique(&mut self.facts.reexports, specifier);
                        }
                    }
                }
                ObjectPropertyKind::ObjectProperty(_) => {}
            }
        }
    }

    /// `Object.defineProperty(exports | module.exports, "name", ...)`.
    fn record_define_property(&mut self, call: &CallExpression<'_>) {
        let is_define_property = call
            .callee
            .without_parentheses()
            .as_member_expression()
            .is_some_and(|member| {
                member.object().is_specific_id("Object")
                    && member.static_property_name() == Some("defineProperty")
            });
        if !is_define_property || call.arguments.len() < 2 {
            return;
        }
        let target_is_exports = call.arguments[0]
            .as_expression()
            .is_some_and(is_exports_object);
        if !target_is_exports {
            return;
        }
        let detected = call
            .arguments
            .get(2)
            .and_then(Argument::as_expression)
            .is_some_and(|descriptor| is_lexer_export_descriptor(descriptor));
        if !detected {
            return;
        }
        if let Some(name) = literal_string_argument(&call.arguments[1]) {
            push_unique(&mut self.facts.cjs_export_names, name);
        }
    }
}

/// The descriptors cjs-module-lexer counts as an export: one with a `value`, or
/// `enumerable: true` with a getter that only returns a binding or a member of one
/// (`get: function () { return m.x; }`, `get() { return x; }`). Any other getter may
/// have side effects (ioredis' `Promise` getter warns), so Node leaves it out and never
/// reads it, and so do we.
fn is_lexer_export_descriptor(descriptor: &Expression<'_>) -> bool {
    let Expression::ObjectExpression(object) = descriptor.without_parentheses() else {
        return false;
    };
    let property = |name: &str| {
        object
            .properties
            .iter()
            .find_map(|property| match property {
                ObjectPropertyKind::ObjectProperty(p)
                    if p.key.static_name().as_deref() == Some(name) =>
                {
                    Some(p)
                }
                _ => None,
            })
    };
    if property("value").is_some() {
        return true;
    }
    let enumerable = property("enumerable")
        .is_some_and(|p| matches!(&p.value, Expression::BooleanLiteral(b) if b.value));
    let getter_returns_binding = property("get").is_some_and(|p| {
        let Expression::FunctionExpression(function) = &p.value else {
            return false;
        };
        let Some(body) = &function.body else {
            return false;
        };
        match body.statements.as_slice() {
            [Statement::ReturnStatement(ret)] => ret
                .argument
                .as_ref()
                .is_some_and(|value| is_binding_or_member(value)),
            _ => false,
        }
    });
    enumerable && getter_returns_binding
}

/// `x`, `x.y`, `x['y']`, chains of those.
fn is_binding_or_member(expression: &Expression<'_>) -> bool {
    match expression.without_parentheses() {
        Expression::Identifier(_) => true,
        Expression::StaticMemberExpression(member) => is_binding_or_member(&member.object),
        Expression::ComputedMemberExpression(member) => {
            matches!(member.expression, Expression::StringLiteral(_))
                && is_binding_or_member(&member.object)
        }
        _ => false,
    }
}

/// Names of the helpers TypeScript (`__exportStar`, `__export`) and SWC (`_export_star`)
/// emit for `export * from "x"` in CommonJS output; cjs-module-lexer treats
/// `helper(require("x"), ...)` as a re-export of `x`.
const EXPORT_STAR_HELPERS: [&str; 3] = ["__exportStar", "__export", "_export_star"];

impl Scanner {
    fn record_export_star_helper(&mut self, call: &CallExpression<'_>) {
        let callee = call.callee.without_parentheses();
        let helper_name = match callee {
            Expression::Identifier(identifier) => Some(identifier.name.as_str()),
            _ => callee
                .as_member_expression()
                .and_then(|member| member.static_property_name()),
        };
        if !helper_name.is_some_and(|name| EXPORT_STAR_HELPERS.contains(&name)) {
            return;
        }
        let required = call
            .arguments
            .first()
            .and_then(Argument::as_expression)
            .and_then(|argument| match argument.without_parentheses() {
                Expression::CallExpression(inner) => literal_require_specifier(inner),
                _ => None,
            });
        if let Some(specifier) = required {
            push_unique(&mut self.facts.reexports, specifier);
        }
    }
}

impl<'a> Visit<'a> for Scanner {
    fn visit_function(&mut self, function: &Function<'a>, flags: ScopeFlags) {
        self.function_depth += 1;
        walk::walk_function(self, function, flags);
        self.function_depth -= 1;
    }

    fn visit_arrow_function_expression(
        &mut self,
        arrow: &oxc::ast::ast::ArrowFunctionExpression<'a>,
    ) {
        self.function_depth += 1;
        walk::walk_arrow_function_expression(self, arrow);
        self.function_depth -= 1;
    }

    fn visit_await_expression(&mut self, await_expression: &oxc::ast::ast::AwaitExpression<'a>) {
        if self.function_depth == 0 {
            self.facts.has_top_level_await = true;
        }
        walk::walk_await_expression(self, await_expression);
    }

    fn visit_for_of_statement(&mut self, statement: &ForOfStatement<'a>) {
        if statement.r#await && self.function_depth == 0 {
            self.facts.has_top_level_await = true;
        }
        walk::walk_for_of_statement(self, statement);
    }

    fn visit_import_meta(&mut self, meta: &ImportMeta) {
        self.facts.has_import_meta = true;
        walk::walk_import_meta(self, meta);
    }

    fn visit_import_expression(&mut self, import: &ImportExpression<'a>) {
        if let Some(specifier) = literal_string_expression(&import.source) {
            push_unique(&mut self.facts.imports, specifier);
        }
        walk::walk_import_expression(self, import);
    }

    fn visit_jsx_element(&mut self, element: &JSXElement<'a>) {
        self.facts.has_jsx = true;
        walk::walk_jsx_element(self, element);
    }

    fn visit_jsx_fragment(&mut self, fragment: &JSXFragment<'a>) {
        self.facts.has_jsx = true;
        walk::walk_jsx_fragment(self, fragment);
    }

    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Some(specifier) = literal_require_specifier(call) {
            push_unique(&mut self.facts.requires, specifier);
        }
        self.record_define_property(call);
        self.record_export_star_helper(call);
        walk::walk_call_expression(self, call);
    }

    fn visit_assignment_expression(&mut self, assignment: &AssignmentExpression<'a>) {
        if let Some(member) = assignment_member_target(&assignment.left) {
            if is_module_exports_member(member) {
                self.record_module_exports_value(&assignment.right);
            } else if is_exports_object(member.object()) {
                if let Some(name) = member.static_property_name() {
                    push_unique(&mut self.facts.cjs_export_names, name);
                }
            }
        }
        walk::walk_assignment_expression(self, assignment);
    }
}

fn assignment_member_target<'b, 'a>(
    target: &'b AssignmentTarget<'a>,
) -> Option<&'b MemberExpression<'a>> {
    target.as_member_expression()
}
