//! The benchmark's generated Dockerfile, shared with `examples/phases.rs` and
//! `examples/profile_lint.rs`.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// A realistic 1,000-line multi-stage Dockerfile: every instruction kind,
/// continued RUNs, heredocs, JSON and shell forms.
pub fn thousand_lines() -> String {
    let mut s = String::from("# syntax=docker/dockerfile:1\nARG BASE=debian:12-slim\n");
    let mut stage = 0;
    while s.lines().count() < 1000 {
        stage += 1;
        s.push_str(&format!("FROM ${{BASE}} AS stage{stage}\n"));
        s.push_str(
            "LABEL org.opencontainers.image.source=\"https://example.com/repo\" maintainer=\"team@example.com\"\n",
        );
        s.push_str("ENV LANG=C.UTF-8 PATH=/opt/app/bin:$PATH PIP_NO_CACHE_DIR=1\n");
        s.push_str("WORKDIR /opt/app\n");
        s.push_str("RUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y --no-install-recommends \\\n        ca-certificates \\\n        curl \\\n        git \\\n    ; \\\n    rm -rf /var/lib/apt/lists/*\n");
        s.push_str("COPY --chown=10001:10001 requirements.txt ./\n");
        s.push_str("RUN pip install --no-cache-dir -r requirements.txt && cd /tmp && echo done | tee /tmp/log\n");
        s.push_str("RUN <<EOF\nset -e\nuseradd --uid 10001 app\nmkdir -p /opt/app/data\nEOF\n");
        s.push_str("COPY . .\nEXPOSE 8080\nUSER 10001\n");
        s.push_str("HEALTHCHECK --interval=30s CMD [\"/opt/app/bin/health\"]\n");
        s.push_str("CMD [\"/opt/app/bin/server\", \"--port\", \"8080\"]\n");
    }
    s.lines().take(1000).collect::<Vec<_>>().join("\n") + "\n"
}
