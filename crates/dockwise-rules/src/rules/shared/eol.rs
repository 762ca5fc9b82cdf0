//! Releases of the distributions and runtimes Docker Hub's official images
//! are built on, with the day their support ended, as the projects
//! themselves publish it (DW1032 `eol-base-image`).
//!
//! The table is data, and it is judged against [`COMPILED`], the day it was
//! compiled, never against the clock: a check gives the same answer on any
//! day, and a release whose end is after [`COMPILED`] is not reported even
//! once that day has passed.
//!
//! To update it:
//!
//! 1. Read each project's own page (the `source` of its entries): Python's
//!    devguide, the Node.js Release working group's schedule, the Debian
//!    LTS wiki, Ubuntu's release cycle, Alpine's releases page, Go's release
//!    history, CentOS's end-of-life page. endoflife.date is a useful
//!    cross-check, never the source.
//! 2. Add the releases whose end date has been announced as final (a
//!    scheduled date that the project still marks as adjustable stays out),
//!    with the spellings its tags use: version prefixes (`3.8` matches
//!    `3.8`, `3.8.19`, `3.8-slim`) and release names (`buster`, `iron`), and
//!    the spellings other official images use for it after their own
//!    version (`python:3.12-slim-buster`, `golang:1.22-alpine3.18`).
//! 3. Write the date as `YYYY-MM-DD`. Where a page gives only a month, use
//!    the last day of that month.
//! 4. Move [`COMPILED`] to the day of the update and run the tests (the
//!    rule's card and tests use releases that ended long ago, so they keep
//!    their answers).

use dockwise_syntax::image::ImageRef;

/// The day this table was compiled (`YYYY-MM-DD`): a release has ended when
/// its end date is before this day.
pub const COMPILED: &str = "2026-12-01";

/// One release and the end of its support.
#[derive(Debug, PartialEq, Eq)]
pub struct Release {
    /// The official image whose own tags name this release (`python`).
    pub image: &'static str,
    /// How that image's tags start for this release: a version prefix
    /// (`3.8`: `3.8`, `3.8.19-slim`) or a release name (`buster`,
    /// `buster-slim`).
    pub tags: &'static [&'static str],
    /// How the tags of other official images name it as a part after their
    /// own version (`buster` in `python:3.12-slim-buster`, `alpine3.16` in
    /// `node:18-alpine3.16`). Empty for runtimes.
    pub suffixes: &'static [&'static str],
    /// The release, for messages: `Python 3.8`, `Debian 10 (buster)`.
    pub name: &'static str,
    /// The last day of its support (`YYYY-MM-DD`).
    pub end: &'static str,
    /// The project's own page for that date.
    pub source: &'static str,
}

impl Release {
    /// Had its support ended when the table was compiled?
    pub fn has_ended(&self) -> bool {
        self.end < COMPILED
    }
}

const PYTHON: &str = "https://devguide.python.org/versions/";
const NODE: &str = "https://github.com/nodejs/release#release-schedule";
const DEBIAN: &str = "https://wiki.debian.org/LTS";
const UBUNTU: &str = "https://ubuntu.com/about/release-cycle";
const ALPINE: &str = "https://alpinelinux.org/releases/";
const GO: &str = "https://go.dev/doc/devel/release#policy";
const CENTOS: &str = "https://www.centos.org/centos-linux-eol/";

macro_rules! release {
    ($image:expr, [$($tag:expr),*], [$($suffix:expr),*], $name:expr, $end:expr, $source:expr) => {
        Release {
            image: $image,
            tags: &[$($tag),*],
            suffixes: &[$($suffix),*],
            name: $name,
            end: $end,
            source: $source,
        }
    };
}

/// Every release whose end is known, by image. Go's policy supports a
/// release until the second newer one comes out, so each Go entry ends on
/// that release's date; Ubuntu's dates are the end of standard support
/// (what an image gets without an Ubuntu Pro subscription).
pub static RELEASES: &[Release] = &[
    // Python: the devguide's table of unsupported versions
    release!("python", ["2"], [], "Python 2", "2020-01-01", PYTHON),
    release!("python", ["3.3"], [], "Python 3.3", "2017-09-29", PYTHON),
    release!("python", ["3.4"], [], "Python 3.4", "2019-03-18", PYTHON),
    release!("python", ["3.5"], [], "Python 3.5", "2020-09-30", PYTHON),
    release!("python", ["3.6"], [], "Python 3.6", "2021-12-23", PYTHON),
    release!("python", ["3.7"], [], "Python 3.7", "2023-06-27", PYTHON),
    release!("python", ["3.8"], [], "Python 3.8", "2024-10-07", PYTHON),
    release!("python", ["3.9"], [], "Python 3.9", "2025-10-31", PYTHON),
    // Node.js: the Release working group's end-of-life table
    release!("node", ["0.10"], [], "Node.js 0.10", "2016-10-31", NODE),
    release!("node", ["0.12"], [], "Node.js 0.12", "2016-12-31", NODE),
    release!("node", ["4", "argon"], [], "Node.js 4", "2018-04-30", NODE),
    release!("node", ["5"], [], "Node.js 5", "2016-06-30", NODE),
    release!("node", ["6", "boron"], [], "Node.js 6", "2019-04-30", NODE),
    release!("node", ["7"], [], "Node.js 7", "2017-06-30", NODE),
    release!("node", ["8", "carbon"], [], "Node.js 8", "2019-12-31", NODE),
    release!("node", ["9"], [], "Node.js 9", "2018-06-30", NODE),
    release!("node", ["10", "dubnium"], [], "Node.js 10", "2021-04-30", NODE),
    release!("node", ["11"], [], "Node.js 11", "2019-06-01", NODE),
    release!("node", ["12", "erbium"], [], "Node.js 12", "2022-04-30", NODE),
    release!("node", ["13"], [], "Node.js 13", "2020-06-01", NODE),
    release!("node", ["14", "fermium"], [], "Node.js 14", "2023-04-30", NODE),
    release!("node", ["15"], [], "Node.js 15", "2021-06-01", NODE),
    release!("node", ["16", "gallium"], [], "Node.js 16", "2023-09-11", NODE),
    release!("node", ["17"], [], "Node.js 17", "2022-06-01", NODE),
    release!("node", ["18", "hydrogen"], [], "Node.js 18", "2025-04-30", NODE),
    release!("node", ["19"], [], "Node.js 19", "2023-06-01", NODE),
    release!("node", ["20", "iron"], [], "Node.js 20", "2026-04-30", NODE),
    release!("node", ["21"], [], "Node.js 21", "2024-06-01", NODE),
    release!("node", ["23"], [], "Node.js 23", "2025-06-01", NODE),
    release!("node", ["25"], [], "Node.js 25", "2026-06-01", NODE),
    // Debian: the end of Long Term Support (the Debian LTS team's wiki page)
    release!(
        "debian",
        ["7", "wheezy"],
        ["wheezy"],
        "Debian 7 (wheezy)",
        "2018-05-31",
        DEBIAN
    ),
    release!(
        "debian",
        ["8", "jessie"],
        ["jessie"],
        "Debian 8 (jessie)",
        "2020-06-30",
        DEBIAN
    ),
    release!(
        "debian",
        ["9", "stretch"],
        ["stretch"],
        "Debian 9 (stretch)",
        "2022-06-30",
        DEBIAN
    ),
    release!(
        "debian",
        ["10", "buster"],
        ["buster"],
        "Debian 10 (buster)",
        "2024-06-30",
        DEBIAN
    ),
    release!(
        "debian",
        ["11", "bullseye"],
        ["bullseye"],
        "Debian 11 (bullseye)",
        "2026-08-31",
        DEBIAN
    ),
    // Ubuntu: the end of standard support (months on the page: their last day)
    release!(
        "ubuntu",
        ["14.04", "trusty"],
        ["trusty"],
        "Ubuntu 14.04 (trusty)",
        "2019-04-30",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["16.04", "xenial"],
        ["xenial"],
        "Ubuntu 16.04 (xenial)",
        "2021-04-30",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["18.04", "bionic"],
        ["bionic"],
        "Ubuntu 18.04 (bionic)",
        "2023-05-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["18.10", "cosmic"],
        ["cosmic"],
        "Ubuntu 18.10 (cosmic)",
        "2019-07-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["19.04", "disco"],
        ["disco"],
        "Ubuntu 19.04 (disco)",
        "2020-01-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["19.10", "eoan"],
        ["eoan"],
        "Ubuntu 19.10 (eoan)",
        "2020-07-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["20.04", "focal"],
        ["focal"],
        "Ubuntu 20.04 (focal)",
        "2025-05-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["20.10", "groovy"],
        ["groovy"],
        "Ubuntu 20.10 (groovy)",
        "2021-07-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["21.04", "hirsute"],
        ["hirsute"],
        "Ubuntu 21.04 (hirsute)",
        "2022-01-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["21.10", "impish"],
        ["impish"],
        "Ubuntu 21.10 (impish)",
        "2022-07-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["22.10", "kinetic"],
        ["kinetic"],
        "Ubuntu 22.10 (kinetic)",
        "2023-07-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["23.04", "lunar"],
        ["lunar"],
        "Ubuntu 23.04 (lunar)",
        "2024-01-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["23.10", "mantic"],
        ["mantic"],
        "Ubuntu 23.10 (mantic)",
        "2024-07-31",
        UBUNTU
    ),
    release!(
        "ubuntu",
        ["24.10", "oracular"],
        ["oracular"],
        "Ubuntu 24.10 (oracular)",
        "2025-07-31",
        UBUNTU
    ),
    // Alpine: the end of support of each release branch
    release!("alpine", ["3.0"], ["alpine3.0"], "Alpine 3.0", "2016-05-01", ALPINE),
    release!("alpine", ["3.1"], ["alpine3.1"], "Alpine 3.1", "2016-11-01", ALPINE),
    release!("alpine", ["3.2"], ["alpine3.2"], "Alpine 3.2", "2017-05-01", ALPINE),
    release!("alpine", ["3.3"], ["alpine3.3"], "Alpine 3.3", "2017-11-01", ALPINE),
    release!("alpine", ["3.4"], ["alpine3.4"], "Alpine 3.4", "2018-05-01", ALPINE),
    release!("alpine", ["3.5"], ["alpine3.5"], "Alpine 3.5", "2018-11-01", ALPINE),
    release!("alpine", ["3.6"], ["alpine3.6"], "Alpine 3.6", "2019-05-01", ALPINE),
    release!("alpine", ["3.7"], ["alpine3.7"], "Alpine 3.7", "2019-11-01", ALPINE),
    release!("alpine", ["3.8"], ["alpine3.8"], "Alpine 3.8", "2020-05-01", ALPINE),
    release!("alpine", ["3.9"], ["alpine3.9"], "Alpine 3.9", "2020-11-01", ALPINE),
    release!("alpine", ["3.10"], ["alpine3.10"], "Alpine 3.10", "2021-05-01", ALPINE),
    release!("alpine", ["3.11"], ["alpine3.11"], "Alpine 3.11", "2021-11-01", ALPINE),
    release!("alpine", ["3.12"], ["alpine3.12"], "Alpine 3.12", "2022-05-01", ALPINE),
    release!("alpine", ["3.13"], ["alpine3.13"], "Alpine 3.13", "2022-11-01", ALPINE),
    release!("alpine", ["3.14"], ["alpine3.14"], "Alpine 3.14", "2023-05-01", ALPINE),
    release!("alpine", ["3.15"], ["alpine3.15"], "Alpine 3.15", "2023-11-01", ALPINE),
    release!("alpine", ["3.16"], ["alpine3.16"], "Alpine 3.16", "2024-05-23", ALPINE),
    release!("alpine", ["3.17"], ["alpine3.17"], "Alpine 3.17", "2024-11-22", ALPINE),
    release!("alpine", ["3.18"], ["alpine3.18"], "Alpine 3.18", "2025-05-09", ALPINE),
    release!("alpine", ["3.19"], ["alpine3.19"], "Alpine 3.19", "2025-11-01", ALPINE),
    release!("alpine", ["3.20"], ["alpine3.20"], "Alpine 3.20", "2026-04-01", ALPINE),
    release!("alpine", ["3.21"], ["alpine3.21"], "Alpine 3.21", "2026-11-01", ALPINE),
    // Go: each release ends when the second newer one is released
    release!("golang", ["1.8"], [], "Go 1.8", "2018-02-16", GO),
    release!("golang", ["1.9"], [], "Go 1.9", "2018-08-24", GO),
    release!("golang", ["1.10"], [], "Go 1.10", "2019-02-25", GO),
    release!("golang", ["1.11"], [], "Go 1.11", "2019-09-03", GO),
    release!("golang", ["1.12"], [], "Go 1.12", "2020-02-25", GO),
    release!("golang", ["1.13"], [], "Go 1.13", "2020-08-11", GO),
    release!("golang", ["1.14"], [], "Go 1.14", "2021-02-16", GO),
    release!("golang", ["1.15"], [], "Go 1.15", "2021-08-16", GO),
    release!("golang", ["1.16"], [], "Go 1.16", "2022-03-15", GO),
    release!("golang", ["1.17"], [], "Go 1.17", "2022-08-02", GO),
    release!("golang", ["1.18"], [], "Go 1.18", "2023-02-01", GO),
    release!("golang", ["1.19"], [], "Go 1.19", "2023-08-08", GO),
    release!("golang", ["1.20"], [], "Go 1.20", "2024-02-06", GO),
    release!("golang", ["1.21"], [], "Go 1.21", "2024-08-13", GO),
    release!("golang", ["1.22"], [], "Go 1.22", "2025-02-11", GO),
    release!("golang", ["1.23"], [], "Go 1.23", "2025-08-12", GO),
    release!("golang", ["1.24"], [], "Go 1.24", "2026-02-10", GO),
    release!("golang", ["1.25"], [], "Go 1.25", "2026-08-19", GO),
    // CentOS Linux (CentOS Stream is another image, not judged)
    release!("centos", ["6", "centos6"], [], "CentOS Linux 6", "2020-11-30", CENTOS),
    release!("centos", ["7", "centos7"], [], "CentOS Linux 7", "2024-06-30", CENTOS),
    release!("centos", ["8", "centos8"], [], "CentOS Linux 8", "2021-12-31", CENTOS),
];

/// Does the first part of a tag (`3.8.19` of `3.8.19-slim`) name the
/// release spelt `spelling`? A version prefix ends at a component
/// boundary (`3.1` is not `3.10`; `3.8` matches `3.8.19` and `3.8rc1`), a
/// name matches itself or a dotted refinement (`centos7.9.2009`).
fn names_release(first: &str, spelling: &str) -> bool {
    let Some(after) = first.strip_prefix(spelling) else {
        return false;
    };
    let versioned = spelling.ends_with(|c: char| c.is_ascii_digit());
    after.is_empty()
        || after.starts_with('.')
        || (versioned
            && spelling.starts_with(|c: char| c.is_ascii_digit())
            && after.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// The releases the tag `tag` of the official image `name` (its Docker Hub
/// name without `library/`) is built on, ended or not: the image's own
/// release (`python:3.8-slim`) and the distribution a later part of the tag
/// names (`-buster`, `-alpine3.16`). Nothing for `latest` or a tag holding a
/// variable.
pub fn releases_of(name: &str, tag: &str) -> Vec<&'static Release> {
    if tag.is_empty() || tag == "latest" || tag.contains('$') {
        return Vec::new();
    }
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    RELEASES
        .iter()
        .filter(|r| {
            (r.image == name && r.tags.iter().any(|t| names_release(first, t)))
                || rest.iter().any(|p| r.suffixes.contains(p))
        })
        .collect()
}

/// The releases `image` is built on, when it is a Docker Hub official image
/// with a tag (a digest beside the tag does not change what the tag says);
/// nothing for other registries, namespaced images, untagged images and
/// `latest`.
pub fn releases_of_image(image: &ImageRef) -> Vec<&'static Release> {
    let name = image.hub_name();
    if !image.is_docker_hub() || name.contains('/') || image.has_variables {
        return Vec::new();
    }
    match image.tag_text() {
        Some(tag) => releases_of(name, tag),
        None => Vec::new(),
    }
}

/// The releases `image` is built on whose support had ended when the table
/// was compiled.
pub fn ended(image: &ImageRef) -> Vec<&'static Release> {
    releases_of_image(image).into_iter().filter(|r| r.has_ended()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockwise_syntax::span::OffsetMap;

    fn names(text: &str) -> Vec<&'static str> {
        let image = ImageRef::parse(text, &OffsetMap::contiguous(0), 0);
        releases_of_image(&image).iter().map(|r| r.name).collect()
    }

    fn ended_names(text: &str) -> Vec<&'static str> {
        let image = ImageRef::parse(text, &OffsetMap::contiguous(0), 0);
        ended(&image).iter().map(|r| r.name).collect()
    }

    #[test]
    fn the_table_is_well_formed() {
        let date = |d: &str| {
            let b = d.as_bytes();
            d.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && d.bytes()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        };
        assert!(date(COMPILED));
        for r in RELEASES {
            assert!(date(r.end), "{}: {}", r.name, r.end);
            assert!(r.source.starts_with("https://"), "{}", r.name);
            assert!(!r.tags.is_empty(), "{}", r.name);
            assert!(
                r.suffixes.iter().all(|s| !s.contains('-')),
                "{}: a suffix is one part of a tag",
                r.name
            );
        }
        // no spelling names two releases of one image
        for (i, a) in RELEASES.iter().enumerate() {
            for b in &RELEASES[i + 1..] {
                if a.image == b.image {
                    for t in a.tags {
                        assert!(!b.tags.contains(t), "{t} names {} and {}", a.name, b.name);
                    }
                }
            }
        }
    }

    #[test]
    fn tags_with_variants_name_their_release() {
        assert_eq!(names("python:3.8"), ["Python 3.8"]);
        assert_eq!(names("python:3.7-slim"), ["Python 3.7"]);
        assert_eq!(names("python:3.7.17-alpine"), ["Python 3.7"]);
        assert_eq!(names("python:3.7.17-alpine3.18"), ["Python 3.7", "Alpine 3.18"]);
        assert_eq!(names("python:2.7.18-slim-buster"), ["Python 2", "Debian 10 (buster)"]);
        assert_eq!(names("python:3.12-slim-buster"), ["Debian 10 (buster)"]);
        assert_eq!(names("node:20-buster"), ["Node.js 20", "Debian 10 (buster)"]);
        assert_eq!(names("node:iron-alpine"), ["Node.js 20"]);
        assert_eq!(names("node:0.10.35"), ["Node.js 0.10"]);
        assert_eq!(names("debian:buster-slim"), ["Debian 10 (buster)"]);
        assert_eq!(names("debian:10.13"), ["Debian 10 (buster)"]);
        assert_eq!(names("debian:stretch-20230320-slim"), ["Debian 9 (stretch)"]);
        assert_eq!(names("ubuntu:bionic-20230530"), ["Ubuntu 18.04 (bionic)"]);
        assert_eq!(names("eclipse-temurin:17-jre-focal"), ["Ubuntu 20.04 (focal)"]);
        assert_eq!(names("golang:1.21.5-bookworm"), ["Go 1.21"]);
        assert_eq!(names("centos:centos7.9.2009"), ["CentOS Linux 7"]);
        assert_eq!(names("centos:7"), ["CentOS Linux 7"]);
        // `docker.io/library/` is the same image
        assert_eq!(names("docker.io/library/python:3.6"), ["Python 3.6"]);
    }

    #[test]
    fn versions_end_at_a_component_boundary() {
        assert_eq!(names("alpine:3.1"), ["Alpine 3.1"]);
        assert_eq!(names("alpine:3.10.2"), ["Alpine 3.10"]);
        assert_eq!(names("python:3.10-slim"), Vec::<&str>::new());
        assert_eq!(names("python:3.13.0rc2"), Vec::<&str>::new());
        assert_eq!(names("python:3.8rc1"), ["Python 3.8"]);
        assert_eq!(names("golang:1.1"), Vec::<&str>::new());
        assert_eq!(names("node:200"), Vec::<&str>::new());
        assert_eq!(names("debian:bookworm-slim"), Vec::<&str>::new());
    }

    #[test]
    fn what_is_not_judged() {
        for text in [
            "python",
            "python:latest",
            "python@sha256:abc",
            "python:${TAG}",
            "myorg/python:3.8",
            "ghcr.io/acme/python:3.8",
            "gcr.io/distroless/base-debian11",
            "node:lts-slim",
            "python:3-slim",
        ] {
            assert!(ended_names(text).is_empty(), "{text}");
        }
        assert!(names("myorg/python:3.8").is_empty());
        assert!(names("python:latest").is_empty());
        // a digest beside a tag: the tag still says what it is
        assert_eq!(ended_names("python:3.8-slim@sha256:abc"), ["Python 3.8"]);
    }

    #[test]
    fn only_releases_ended_before_the_compiled_date() {
        // ended: Node.js 20 (2026-04-30), Debian 11 (2026-08-31), Alpine 3.21 (2026-11-01)
        assert_eq!(
            ended_names("node:20-bullseye-slim"),
            ["Node.js 20", "Debian 11 (bullseye)"]
        );
        assert_eq!(ended_names("alpine:3.21"), ["Alpine 3.21"]);
        // supported on that day
        assert!(ended_names("node:22").is_empty());
        assert!(ended_names("python:3.11").is_empty());
        assert!(ended_names("alpine:3.22").is_empty());
        assert!(ended_names("golang:1.26-alpine").is_empty());
        assert!(ended_names("ubuntu:22.04").is_empty());
        // a release ending after the compiled day is not reported
        let later = Release {
            image: "x",
            tags: &["1"],
            suffixes: &[],
            name: "X 1",
            end: "2026-12-02",
            source: "https://example.org",
        };
        assert!(!later.has_ended());
        let same_day = Release { end: COMPILED, ..later };
        assert!(!same_day.has_ended(), "the end date is the last supported day");
    }
}
