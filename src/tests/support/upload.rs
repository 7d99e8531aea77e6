//! Uploads as a browser's FormData sends them.
use super::{Jar, Reply, TestApp, ORIGIN};
use axum::{body::Body, http::Request};

/// A multipart body with text fields and one file, as a browser's FormData sends it.
pub fn multipart(fields: &[(&str, &str)], file: (&str, &[u8])) -> (String, Vec<u8>) {
    let boundary = "casebook-test-boundary-7d3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n", file.0)
            .as_bytes(),
    );
    body.extend_from_slice(file.1);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl TestApp {
    /// Uploads `file` to the import endpoint for `project`.
    pub async fn upload(&self, jar: &mut Jar, project: &str, name: &str, bytes: &[u8]) -> Reply {
        self.upload_to(jar, "/api/imports/upload", project, name, bytes).await
    }

    /// Uploads `file` with a `project` field to the multipart server function at `path`.
    pub async fn upload_to(&self, jar: &mut Jar, path: &str, project: &str, name: &str, bytes: &[u8]) -> Reply {
        let (content_type, body) = multipart(&[("project", project)], (name, bytes));
        let mut req = Request::post(path)
            .header("content-type", content_type)
            .header("accept", "application/json")
            .header("origin", ORIGIN);
        if !jar.0.is_empty() {
            req = req.header("cookie", jar.header());
        }
        let reply = self.send(req.body(Body::from(body)).unwrap()).await;
        jar.absorb(&reply.headers);
        reply
    }
}
