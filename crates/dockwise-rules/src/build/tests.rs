use super::cache::{could_include, Reason, ORDER_RULE};
use super::sizes::{self, Variant, TABLE};
use super::*;

fn pic(text: &str) -> Picture {
    picture(text, &Options::default())
}

fn edited(text: &str, path: &str) -> cache::CacheView {
    picture(
        text,
        &Options {
            edited: Some(path),
            dockerignore: None,
        },
    )
    .cache
    .unwrap()
}

/// The lines of the instructions that rerun.
fn rerun_lines(text: &str, path: &str) -> Vec<u32> {
    let p = picture(
        text,
        &Options {
            edited: Some(path),
            dockerignore: None,
        },
    );
    let c = p.cache.as_ref().unwrap();
    c.rebuilds
        .iter()
        .map(|r| p.instructions[r.instruction].place.line)
        .collect()
}

const MULTI: &str = "\
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app ./cmd/app
FROM build AS test
RUN go test ./...
FROM node:20 AS assets
RUN npm ci
FROM alpine:3.20 AS tools
FROM gcr.io/distroless/static-debian12
COPY --from=build /app /app
COPY --from=nginx:1.27 /etc/nginx/mime.types /etc/
RUN --mount=type=bind,from=tools,source=/bin,target=/t true
ENTRYPOINT [\"/app\"]
";

#[test]
fn stages_edges_and_used() {
    let p = pic(MULTI);
    assert_eq!(p.stages.len(), 5);
    assert_eq!(p.final_stage, Some(4));
    let used: Vec<bool> = p.stages.iter().map(|s| s.used).collect();
    assert_eq!(used, [true, false, false, true, true]);
    assert!(p.stages[4].is_final && !p.stages[0].is_final);
    assert_eq!(p.stages[1].base, Base::Stage { index: 0 });
    assert!(matches!(&p.stages[0].base, Base::Image { name, tag: Some(t), .. } if name == "golang" && t == "1.22"));
    assert_eq!(p.externals.len(), 1);
    assert_eq!(p.externals[0].reference, "nginx:1.27");
    let kinds: Vec<(EdgeKind, u32)> = p.edges.iter().map(|e| (e.kind, e.line)).collect();
    assert_eq!(
        kinds,
        [
            (EdgeKind::Base, 7),
            (EdgeKind::Copy, 13),
            (EdgeKind::Copy, 14),
            (EdgeKind::Mount, 15)
        ]
    );
    assert_eq!(p.edges[1].from, Source::Stage { index: 0 });
    assert_eq!(p.edges[2].from, Source::Image { index: 0 });
    assert_eq!(p.edges[3].from, Source::Stage { index: 3 });
    assert!(p.edges.iter().all(|e| e.to == 4 || e.kind == EdgeKind::Base));
    // agrees with the model's own answer
    let df = dockwise_syntax::dockerfile::parse(MULTI);
    let m = Model::new(MULTI, &df);
    let mut want = m.stages_in_final_image();
    want.sort();
    let got: Vec<usize> = p.stages.iter().filter(|s| s.used).map(|s| s.index).collect();
    assert_eq!(got, want);
    // the stage's instructions
    assert_eq!((p.stages[0].first, p.stages[0].last), (0, 5));
    assert_eq!((p.stages[4].first, p.stages[4].last), (11, 15));
}

#[test]
fn index_references_and_missing_stages() {
    let p = pic("FROM a:1\nRUN x\nFROM b:1\nCOPY --from=0 /x /x\nCOPY --from=1 /y /y\nCOPY --from=9 /z /z\n");
    assert_eq!(p.edges[0].from, Source::Stage { index: 0 });
    // a stage's own index, and an index past the end, name no earlier stage
    assert!(matches!(&p.edges[1].from, Source::Missing { reference } if reference == "1"));
    assert!(matches!(&p.edges[2].from, Source::Missing { reference } if reference == "9"));
    assert!(p.stages[0].used && p.stages[1].used);
    // a stage named after itself is an image, not a cycle
    let p = pic("FROM app AS app\nCOPY --from=app /a /a\n");
    assert_eq!(
        p.stages[0].base,
        Base::Image {
            reference: "app".into(),
            registry: None,
            name: "app".into(),
            tag: None,
            digest: None,
            variables: false
        }
    );
    assert_eq!(p.edges[0].from, Source::Image { index: 0 });
    // the same external image is one node
    let p = pic("FROM x:1\nCOPY --from=busybox:1 /a /a\nCOPY --from=busybox:1 /b /b\nRUN --mount=from=busybox:1,target=/m true\n");
    assert_eq!(p.externals.len(), 1);
    assert_eq!(p.edges.len(), 3);
}

#[test]
fn layers_and_metadata() {
    let p = pic("ARG V=1\nFROM python:3.12-slim\nENV A=1\nWORKDIR /app\nCOPY --chown=1:1 a.txt b/ /app/\nADD https://example.com/x.tgz /tmp/\nRUN pip install x\nUSER 1000\nEXPOSE 80\nLABEL a=b\nONBUILD RUN make\nCMD [\"python\"]\n");
    let effects: Vec<(&str, Effect)> = p.instructions.iter().map(|s| (s.keyword, s.effect)).collect();
    assert_eq!(
        effects,
        [
            ("ARG", Effect::Metadata),
            ("FROM", Effect::Base),
            ("ENV", Effect::Metadata),
            ("WORKDIR", Effect::Metadata),
            ("COPY", Effect::Layer),
            ("ADD", Effect::Layer),
            ("RUN", Effect::Layer),
            ("USER", Effect::Metadata),
            ("EXPOSE", Effect::Metadata),
            ("LABEL", Effect::Metadata),
            ("ONBUILD", Effect::Trigger),
            ("CMD", Effect::Metadata),
        ]
    );
    assert_eq!(p.instructions[0].stage, None);
    let c = p.instructions[4].copy.as_ref().unwrap();
    assert_eq!(c.sources, ["a.txt", "b/"]);
    assert_eq!(c.destination.as_deref(), Some("/app/"));
    assert!(c.from.is_none() && !c.heredoc);
    let p = pic("FROM x:1\nCOPY <<EOF /etc/conf\nhello\nEOF\nRUN --mount=type=cache,target=/root/.cache true\n");
    assert!(p.instructions[1].copy.as_ref().unwrap().heredoc);
    assert_eq!(p.instructions[1].place.line, 2);
    assert_eq!(p.instructions[2].mounts[0].kind, "cache");
    assert_eq!(p.instructions[2].mounts[0].target.as_deref(), Some("/root/.cache"));
}

const CLASSIC: &str = "\
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD [\"python\", \"app.py\"]
";

const FIXED: &str = "\
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD [\"python\", \"app.py\"]
";

#[test]
fn cache_view_of_the_classic_order() {
    // a source file: the install reruns, DW1024 would fix the order
    assert_eq!(rerun_lines(CLASSIC, "src/app.py"), [3, 4, 5]);
    let c = edited(CLASSIC, "./src/app.py");
    assert_eq!(c.path, "src/app.py");
    assert_eq!(c.rebuilds[0].reason, Reason::Copies);
    assert_eq!(c.rebuilds[1].reason, Reason::After);
    assert_eq!(c.fixes.len(), 1);
    assert_eq!(c.fixes[0].rule, Some(ORDER_RULE));
    assert_eq!((c.fixes[0].copy, c.fixes[0].install), (2, 3));
    assert_eq!(c.fixes[0].manifests, ["requirements.txt"]);
    assert!(crate::rules::find(ORDER_RULE).is_some_and(|r| r.name == "copy-before-install"));
    // the manifest itself: the install has to rerun, nothing to fix
    let c = edited(CLASSIC, "requirements.txt");
    assert_eq!(c.rebuilds.len(), 3);
    assert!(c.fixes.is_empty());

    // the fixed order: a source edit reruns only the last COPY and after
    assert_eq!(rerun_lines(FIXED, "src/app.py"), [5, 6]);
    assert!(edited(FIXED, "src/app.py").fixes.is_empty());
    assert_eq!(rerun_lines(FIXED, "requirements.txt"), [3, 4, 5, 6]);
}

#[test]
fn cache_view_across_stages() {
    // editing a Go source: build reruns from `COPY . .`, the unused test
    // stage is not built, the final stage reruns from its COPY --from=build
    assert_eq!(rerun_lines(MULTI, "cmd/app/main.go"), [5, 6, 13, 14, 15, 16]);
    let c = edited(MULTI, "cmd/app/main.go");
    assert!(c.rebuilds.iter().all(|r| r.stage != 1 && r.stage != 2));
    assert!(c
        .rebuilds
        .iter()
        .any(|r| r.instruction == 12 && r.reason == Reason::From { stage: 0 }));
    // go.sum reruns the download too
    assert_eq!(rerun_lines(MULTI, "go.sum")[..2], [3, 4]);
    // a stage built on a stage that reruns reruns from its FROM
    let text = "FROM a:1 AS base\nCOPY . /src\nFROM base\nRUN make\n";
    let c = edited(text, "x.c");
    assert_eq!(c.rebuilds.last().unwrap().instruction, 3);
    assert!(c
        .rebuilds
        .iter()
        .any(|r| r.instruction == 2 && r.reason == Reason::Base { stage: 0 }));
    // a bind mount of the context
    let text = "FROM a:1\nRUN --mount=type=bind,source=src,target=/src make -C /src\nRUN true\n";
    assert_eq!(rerun_lines(text, "src/main.c"), [2, 3]);
    assert!(rerun_lines(text, "docs/x.md").is_empty());
}

#[test]
fn cache_view_sources_globs_and_ignores() {
    let text = "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY src/ ./src/\nCOPY --exclude=*.md docs ./docs\nRUN npm run build\n";
    assert_eq!(rerun_lines(text, "package-lock.json"), [3, 4, 5, 6, 7]);
    assert_eq!(rerun_lines(text, "src/index.js"), [5, 6, 7]);
    assert_eq!(rerun_lines(text, "docs/guide.html"), [6, 7]);
    assert!(rerun_lines(text, "docs/readme.md").is_empty());
    assert!(rerun_lines(text, "README.md").is_empty());
    // DW1024 silenced by a pragma: the order still costs, no rule is named
    let silenced = CLASSIC.replace("COPY . .", "# dockwise ignore=DW1024\nCOPY . .");
    let c = edited(&silenced, "src/app.py");
    assert_eq!((c.fixes.len(), c.fixes[0].rule), (1, None));
    // an install DW1024 does not know (pip without -r): no rule either
    let c = edited("FROM python:3.12\nCOPY . .\nRUN pip install flask\n", "app.py");
    assert_eq!((c.fixes.len(), c.fixes[0].rule), (1, None));
    // a narrower COPY before the install: an order fix without a rule
    let text = "FROM python:3.12\nCOPY app/ /app/\nRUN pip install -r /app/requirements.txt\n";
    let c = edited(text, "app/main.py");
    assert_eq!(c.fixes.len(), 1);
    assert_eq!(c.fixes[0].rule, None);
    // .dockerignore
    let p = picture(
        CLASSIC,
        &Options {
            edited: Some("node_modules/x/index.js"),
            dockerignore: Some("node_modules\n"),
        },
    );
    let c = p.cache.unwrap();
    assert!(c.ignored && c.rebuilds.is_empty());
    assert!(could_include(".", "a/b"));
    assert!(could_include("./", "a/b"));
    assert!(could_include("/", "a/b"));
    assert!(could_include("src", "src/a.py"));
    assert!(!could_include("src", "srcx/a.py"));
    assert!(could_include("*.py", "a.py"));
    assert!(!could_include("*.py", "src/a.py"));
    assert!(could_include("$DIR", "anything"));
    assert!(could_include("${DIR}/requirements.txt", "requirements.txt"));
    assert!(could_include("${DIR}/requirements.txt", "app/requirements.txt"));
    assert!(!could_include("${DIR}/requirements.txt", "src/app.py"));
    assert!(!could_include("https://example.com/a.py", "a.py"));
}

#[test]
fn hostile_input_stays_linear() {
    // many stages, each copying from the previous and from itself, and
    // self-named stages: every reference is looked up, nothing loops
    let mut text = String::new();
    for i in 0..20_000usize {
        text.push_str(&format!(
            "FROM s{} AS s{i}\nCOPY --from=s{i} /a /a\nCOPY --from={i} /b /b\nCOPY --from={} /c /c\nCOPY . .\n",
            i.max(1) - 1,
            i.saturating_sub(1)
        ));
    }
    let start = std::time::Instant::now();
    let p = picture(
        &text,
        &Options {
            edited: Some("x"),
            dockerignore: None,
        },
    );
    assert_eq!(p.stages.len(), 20_000);
    assert!(p.stages.iter().all(|s| s.used));
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    // one COPY with 30,000 sources and 30,000 excludes: one matcher
    let mut copy = String::from("FROM a:1\nCOPY");
    for i in 0..30_000 {
        copy.push_str(&format!(" --exclude=x{i}.md"));
    }
    for i in 0..30_000 {
        copy.push_str(&format!(" dir{i}"));
    }
    copy.push_str(" /dst\nRUN true\n");
    let start = std::time::Instant::now();
    let c = edited(&copy, "dir29999/y.txt");
    assert_eq!(c.rebuilds.len(), 2);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    // a FROM of a later stage is an image, not an edge backwards
    let p = pic("FROM b AS a\nFROM a AS b\n");
    assert_eq!(p.edges.len(), 1);
    assert!(p.stages[0].used);
}

#[test]
fn size_table_integrity() {
    assert!(!TABLE.is_empty());
    for e in TABLE {
        assert!(
            e.source.starts_with("https://"),
            "{}:{} has no https source",
            e.image,
            e.tag
        );
        assert_eq!(e.arch, "linux/amd64");
        let d: Vec<&str> = e.read.split('-').collect();
        assert!(
            d.len() == 3 && d[0].len() == 4 && d.iter().all(|p| p.parse::<u32>().is_ok()),
            "{}: read {}",
            e.tag,
            e.read
        );
        assert!(e.mb > 0.0 && e.mb < 5000.0);
        assert_eq!(
            TABLE.iter().filter(|o| o.image == e.image && o.tag == e.tag).count(),
            1,
            "{}:{} twice",
            e.image,
            e.tag
        );
    }
}

#[test]
fn base_estimates() {
    let e = sizes::estimate("node:22", "node", Some("22"));
    let s = e.size.as_ref().unwrap();
    assert!(!s.exact);
    assert_eq!(s.tag, "22.23.4");
    assert_eq!(e.variant, Variant::Full);
    let alt: Vec<(&str, Variant)> = e.alternatives.iter().map(|a| (a.tag.as_str(), a.variant)).collect();
    assert_eq!(
        alt,
        [("22.23.4-slim", Variant::Slim), ("22.23.4-trixie-slim", Variant::Slim)]
    );
    let e = sizes::estimate("node:22.23.4-slim", "node", Some("22.23.4-slim"));
    assert!(e.size.as_ref().unwrap().exact);
    assert!(e.alternatives.iter().all(|a| a.variant != Variant::Slim));
    // unknown images and tags: no estimate, no guess
    assert!(sizes::estimate("python:3.12", "python", Some("3.12")).size.is_none());
    assert!(sizes::estimate("node:latest", "node", None).size.is_none());
    // the picture's final base follows FROM <stage> back to an image
    let p = pic("FROM node:22 AS base\nFROM base\n");
    assert_eq!(p.base.unwrap().reference, "node:22");
    assert!(pic("FROM scratch\n").base.is_none());
    // another registry's `node` is not Docker Hub's
    let b = pic("FROM registry.example.com/node:22\n").base.unwrap();
    assert!(b.size.is_none() && b.alternatives.is_empty());
    assert!(pic("FROM docker.io/library/node:22\n").base.unwrap().size.is_some());
    assert!(pic("ARG T=1\nFROM node:$T\n").base.is_none());
}

#[test]
fn before_and_after_a_refactor() {
    let before = "FROM node:22\nRUN npm ci\n";
    let after = "FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\n";
    let r = sizes::compare(before, after);
    assert_eq!(r.saved_mb, Some(313.35));
}

#[cfg(feature = "fixes")]
#[test]
fn the_multistage_challenge() {
    let text = "FROM node:22\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential \\\n && rm -rf /var/lib/apt/lists/*\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD [\"node\", \"server.js\"]\n";
    let r = sizes::multistage(text).expect("DW1005 offers its rewrite");
    let before = r.before.as_ref().unwrap();
    let after = r.after.as_ref().unwrap();
    assert_eq!(before.reference, "node:22");
    assert_eq!(after.reference, "node:22-slim");
    assert_eq!(r.saved_mb, Some(313.35));
    assert!(r.text.contains("AS build"));
    // nothing to rewrite: no challenge
    assert!(sizes::multistage("FROM node:22-slim\nCMD [\"node\"]\n").is_none());
}

/// The playground's sample for the Build tab's challenge: DW1005 rewrites
/// it into two stages, and the final base loses more than the challenge's
/// 300 MB.
#[cfg(feature = "fixes")]
#[test]
fn the_image_size_sample_makes_the_challenge() {
    let text = include_str!("../../samples/lesson-image-size.Dockerfile");
    let r = sizes::multistage(text).expect("DW1005 offers its rewrite");
    assert_eq!(r.before.as_ref().unwrap().reference, "node:22");
    assert_eq!(r.after.as_ref().unwrap().reference, "node:22-slim");
    assert!(r.saved_mb.unwrap() >= 300.0, "{:?}", r.saved_mb);
    // the rewrite's own final base is what a learner's refactor is scored on
    assert_eq!(sizes::compare(text, &r.text).saved_mb, r.saved_mb);
}

#[test]
fn utf16_places() {
    let text = "# é\nFROM a:1\nRUN echo ü\n";
    let mut p = pic(text);
    let bytes = p.instructions[1].place;
    p.to_utf16(text);
    let units = p.instructions[1].place;
    assert_eq!(units.line, 3);
    assert_eq!(bytes.from - units.from, 1);
    assert_eq!(bytes.to - units.to, 2);
    assert_eq!(p.stages[0].place, p.instructions[0].place);
}
