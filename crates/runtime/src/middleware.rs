//! Root middleware / proxy (SPEC 12) on a worker: loading the module once, reading its
//! `config.matcher` as JSON for the server's matcher, and running it for one request.
//!
//! The middleware's answer travels like any response (head, then body); the server reads
//! the decision from the head exactly as Next does: `x-middleware-next` continues,
//! `x-middleware-rewrite` rewrites, `location` redirects, anything else is sent as it is.
//! A throw is reported with the private header [`MIDDLEWARE_ERROR_HEADER`].

use std::path::Path;
use std::rc::Rc;

use rquickjs::{Function, Object, Persistent, Value};

use crate::app_route::{Target, WebCall};
use crate::exchange::DispatchError;
use crate::worker::{PendingResponse, Worker};

/// Head marker of a middleware that threw (answered with Next's HTML 500 page).
pub const MIDDLEWARE_ERROR_HEADER: &str = "x-apiroutes-middleware-error";

/// A loaded middleware / proxy module.
pub struct MiddlewareModule {
    function: Persistent<Function<'static>>,
    /// `config.matcher` serialised as JSON, when the module exports one.
    pub matcher_json: Option<String>,
}

/// A request as middleware sees it (no body: see the README's limits).
#[derive(Debug)]
pub struct MiddlewareRequest {
    pub method: String,
    /// Absolute URL with the origin the server answers as.
    pub url: String,
    /// Header pairs in arrival order, names lower-case.
    pub headers: Vec<(String, String)>,
}

impl Worker {
    /// Loads (once) the middleware or proxy module at `file`. `proxy` picks the export
    /// name Next looks for first (`proxy` for `proxy.*`, `middleware` for
    /// `middleware.*`); the other name and the default export are accepted too.
    pub async fn middleware(
        &self,
        file: &Path,
        proxy: bool,
    ) -> Result<Rc<MiddlewareModule>, String> {
        if let Some(module) = self.app.middleware.borrow().get(file) {
            return Ok(module.clone());
        }
        let specifier = file.to_string_lossy().into_owned();
        let names: [&str; 3] = if proxy {
            ["proxy", "default", "middleware"]
        } else {
            ["middleware", "default", "proxy"]
        };
        let loaded = self
            .load_module(&specifier, |ctx, namespace| {
                let function = names
                    .iter()
                    .find_map(|name| namespace.get::<_, Value>(*name).ok().and_then(|v| v.as_function().cloned()))
                    .ok_or_else(|| {
                        format!(
                            "{specifier}: the {} file must export a function named `{}` or a default function",
                            if proxy { "proxy" } else { "middleware" },
                            names[0]
                        )
                    })?;
                let matcher_json = namespace
                    .get::<_, Object>("config")
                    .ok()
                    .and_then(|config| config.get::<_, Value>("matcher").ok())
                    .filter(|matcher| !matcher.is_undefined() && !matcher.is_null())
                    .map(|matcher| {
                        ctx.json_stringify(matcher)
                            .ok()
                            .flatten()
                            .and_then(|text| text.to_string().ok())
                            .ok_or_else(|| format!("{specifier}: config.matcher cannot be read as JSON"))
                    })
                    .transpose()?;
                Ok(MiddlewareModule { function: Persistent::save(ctx, function), matcher_json })
            })
            .await?;
        let module = Rc::new(loaded);
        self.app
            .middleware
            .borrow_mut()
            .insert(file.to_path_buf(), module.clone());
        Ok(module)
    }

    /// Runs the middleware for `request`.
    pub async fn dispatch_middleware(
        &self,
        module: &MiddlewareModule,
        request: MiddlewareRequest,
    ) -> Result<PendingResponse, DispatchError> {
        let call = WebCall {
            method: request.method,
            url: request.url,
            headers: request.headers,
        };
        let (id, response) = self.open_slot(None)?;
        let label = call.label() + " middleware";
        let dispatch = self.app.middleware_dispatch.clone();
        let target = Target::Function(module.function.clone());
        self.dispatch_web(dispatch, target, id, label, call, |_, _| Ok(()))
            .await;
        Ok(response)
    }
}
