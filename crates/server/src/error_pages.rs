//! The HTML pages Next answers with when no handler does: 404 for unknown paths, 400 for a
//! malformed percent-escape in a dynamic segment, 500 when middleware throws.
//!
//! The markup follows Next's default error page (`/_error`) without its build-specific
//! script tags; the corpus compares status, content-type, cache-control and the texts.

/// Cache-Control Next puts on its error pages.
pub const ERROR_PAGE_CACHE_CONTROL: &str =
    "private, no-cache, no-store, max-age=0, must-revalidate";

/// Content type of every error page.
pub const HTML_CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// The error page for `status` with Next's title text (e.g. "This page could not be found").
pub fn error_page(status: u16) -> String {
    let message = match status {
        404 => "This page could not be found",
        400 => "Bad Request",
        500 => "Internal Server Error",
        _ => "An unexpected error has occurred",
    };
    let title = if status == 404 {
        format!("{status}: {message}.")
    } else {
        format!("{status}: {message}")
    };
    format!(
        concat!(
            "<!DOCTYPE html><html><head><meta charSet=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width\"/><title>{title}</title></head>",
            "<body><div style=\"font-family:system-ui,&quot;Segoe UI&quot;,Roboto,Helvetica,Arial,sans-serif;",
            "height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center\">",
            "<div style=\"line-height:48px\"><style>body{{color:#000;background:#fff;margin:0}}",
            ".next-error-h1{{border-right:1px solid rgba(0,0,0,.3)}}",
            "@media (prefers-color-scheme:dark){{body{{color:#fff;background:#000}}.next-error-h1{{border-right:1px solid rgba(255,255,255,.3)}}}}</style>",
            "<h1 class=\"next-error-h1\" style=\"display:inline-block;margin:0 20px 0 0;padding-right:23px;font-size:24px;font-weight:500;vertical-align:top\">{status}</h1>",
            "<div style=\"display:inline-block\"><h2 style=\"font-size:14px;font-weight:400;line-height:28px\">{message}.</h2></div>",
            "</div></div></body></html>"
        ),
        title = title,
        status = status,
        message = message
    )
}

/// `dev`'s page for a route whose module failed to load: the error (file, line, column
/// and code frame for a compile error) as preformatted text.
pub fn dev_error_page(message: &str) -> String {
    let escaped = html_escape(message);
    let title = html_escape(message.lines().next().unwrap_or("Internal Server Error"));
    format!(
        concat!(
            "<!DOCTYPE html><html><head><meta charSet=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width\"/><title>500: {title}</title>",
            "<style>body{{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#000;background:#fff}}",
            "pre{{font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;background:#fdf2f2;border-left:4px solid #e00;",
            "padding:16px;overflow:auto;white-space:pre}}",
            "@media (prefers-color-scheme:dark){{body{{color:#fff;background:#111}}pre{{background:#2a1515}}}}</style></head>",
            "<body><h1 style=\"font-size:20px;font-weight:500\">500: the route failed to load</h1>",
            "<pre>{escaped}</pre><p>Fix the file and save: the next request uses it.</p></body></html>"
        ),
        title = title,
        escaped = escaped
    )
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_carry_the_texts_next_shows() {
        let not_found = error_page(404);
        assert!(not_found.contains("404") && not_found.contains("This page could not be found."));
        let bad = error_page(400);
        assert!(bad.contains("400") && bad.contains("Bad Request"));
        assert!(error_page(500).contains("Internal Server Error"));
    }

    #[test]
    fn the_dev_page_escapes_the_error() {
        let page = dev_error_page("a.ts:1:5\n> 1 | let <x> = &;");
        assert!(page.contains("let &lt;x&gt; = &amp;;"), "{page}");
        assert!(page.contains("<title>500: a.ts:1:5</title>"), "{page}");
    }
}
