//! The browser's half of an upload: a file from the input, a drop or the clipboard, sent as
//! `FormData` with `XMLHttpRequest` (which, unlike `fetch`, reports upload progress).
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

/// What the page hears of an upload.
pub enum Heard {
    /// Fraction sent, 0 to 1.
    Progress(f64),
    Done,
    Failed(String),
}

/// Sends `file` (named `name`) to `url` with the step it belongs to; `hear` is told the progress
/// and the end. The error is the server's own message (its field errors spelled out).
pub fn send(
    url: &str,
    file: &File,
    name: &str,
    place: Option<(i64, i64)>,
    hear: impl Fn(Heard) + 'static,
) -> Result<(), String> {
    const BROKEN: &str = "This browser could not start the upload; reload the page and try again.";
    let form = FormData::new().map_err(|_| BROKEN)?;
    if let Some((scenario, step)) = place {
        form.append_with_str("scenario", &scenario.to_string()).map_err(|_| BROKEN)?;
        form.append_with_str("step", &step.to_string()).map_err(|_| BROKEN)?;
    }
    form.append_with_blob_and_filename("file", file, name).map_err(|_| BROKEN)?;
    let xhr = XmlHttpRequest::new().map_err(|_| BROKEN)?;
    xhr.open_with_async("POST", url, true).map_err(|_| BROKEN)?;
    xhr.set_request_header("Accept", "application/json").map_err(|_| BROKEN)?;
    let hear = std::rc::Rc::new(hear);
    let on_progress = {
        let hear = hear.clone();
        Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                hear(Heard::Progress(e.loaded() / e.total()));
            }
        })
    };
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = {
        let xhr = xhr.clone();
        Closure::once_into_js(move || {
            // The progress closure lives until the request has ended.
            drop(on_progress);
            let status = xhr.status().unwrap_or(0);
            if (200..300).contains(&status) {
                hear(Heard::Done);
            } else {
                hear(Heard::Failed(message(status, &xhr.response_text().ok().flatten().unwrap_or_default())));
            }
        })
    };
    xhr.set_onloadend(Some(done.unchecked_ref()));
    xhr.send_with_opt_form_data(Some(&form)).map_err(|_| BROKEN.to_owned())
}

/// The message of a failed upload's answer.
fn message(status: u16, body: &str) -> String {
    if status == 0 {
        return "The upload did not reach the server. Check the connection and try again.".to_owned();
    }
    if status == 413 {
        return "This file is over the size limit. Attach a smaller file.".to_owned();
    }
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return format!("The upload failed (HTTP {status}). Try again.");
    };
    let fields: Vec<&str> =
        v["fields"].as_array().map(|f| f.iter().filter_map(|e| e["message"].as_str()).collect()).unwrap_or_default();
    if fields.is_empty() {
        v["message"].as_str().map_or_else(|| format!("The upload failed (HTTP {status})."), str::to_owned)
    } else {
        fields.join(" ")
    }
}

/// The first file a drop or a paste carried.
pub fn first_file(data: Option<web_sys::DataTransfer>) -> Option<File> {
    let data = data?;
    if let Some(file) = data.files().and_then(|f| f.get(0)) {
        return Some(file);
    }
    let items = data.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .find(|i| i.kind() == "file")
        .and_then(|i| i.get_as_file().ok().flatten())
}
