//! Dependency installs in RUN commands, and the files that decide what they
//! install (their manifests and lockfiles): what the cache view needs to
//! tell "the install reran because its dependencies changed" from "the
//! install reran because some other file was copied in before it".
//!
//! DW1024 (`copy-before-install`) recognises the same installs for its own
//! check; the lists here add each one's manifests.

use dockwise_syntax::shell::Command;

/// A dependency install and what it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Install {
    /// The command as written (shortened for long ones).
    pub command: String,
    /// Manifest and lockfile names (or paths, for `pip install -r x/req.txt`).
    pub manifests: Vec<String>,
    /// File extensions that are manifests too (`.csproj` for `dotnet restore`).
    pub extensions: &'static [&'static str],
    /// It installs the project itself (`pip install .`, `npm install` of a
    /// path): it needs the whole source, so no order can keep it cached.
    pub whole_source: bool,
}

impl Install {
    /// Is the context path `path` one of this install's manifests?
    pub fn reads(&self, path: &str) -> bool {
        let base = path.rsplit('/').next().unwrap_or(path);
        self.manifests.iter().any(|m| {
            let m = m.trim_start_matches("./");
            m == path || m == base || (m.rsplit('/').next() == Some(base) && !m.contains('$'))
        }) || self.extensions.iter().any(|e| base.ends_with(e))
    }
}

/// pip's flags that take the next word as their value.
const PIP_VALUE_FLAGS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
];

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The dependency install `c` runs, if it is one.
pub fn install(c: &Command) -> Option<Install> {
    let name = c.name()?;
    let pos: Vec<String> = c.positionals(&[]).iter().map(|w| w.value.to_string()).collect();
    let first = pos.first().map(String::as_str).unwrap_or("");
    let make = |manifests: Vec<String>, extensions: &'static [&'static str], whole_source: bool| {
        Some(Install {
            command: c.command_line(),
            manifests,
            extensions,
            whole_source,
        })
    };
    match name {
        "npm" if matches!(first, "ci" | "install" | "i") => {
            let whole = pos.len() > 1 && pos[1..].iter().any(|p| p.starts_with('.') || p.starts_with('/'));
            make(
                names(&["package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc"]),
                &[],
                whole,
            )
        }
        "yarn" if first.is_empty() || first == "install" => make(
            names(&["package.json", "yarn.lock", ".yarnrc", ".yarnrc.yml"]),
            &[],
            false,
        ),
        "pnpm" if matches!(first, "install" | "i") => make(
            names(&["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"]),
            &[],
            false,
        ),
        "pip" | "pip3" if first == "install" => {
            let mut manifests = Vec::new();
            let args = c.args();
            for (k, w) in args.iter().enumerate() {
                let v = &*w.value;
                for flag in ["-r", "--requirement", "-c", "--constraint"] {
                    if v == flag {
                        if let Some(next) = args.get(k + 1) {
                            manifests.push(next.value.to_string());
                        }
                    } else if let Some(x) = v.strip_prefix(&format!("{flag}=")) {
                        manifests.push(x.to_string());
                    } else if flag.len() == 2 && v.len() > 2 && v.starts_with(flag) && !v.starts_with("--") {
                        manifests.push(v[2..].to_string());
                    }
                }
            }
            // what pip installs: its positionals once the flags that take a
            // value (a requirements file, an index) are set aside
            let targets = c.positionals(PIP_VALUE_FLAGS);
            let whole = targets
                .iter()
                .skip(1)
                .any(|p| p.value == "." || p.value.starts_with("./") || p.value.starts_with('/'))
                || c.has_flag(&["-e", "--editable"]);
            if whole {
                manifests.extend(names(&["pyproject.toml", "setup.py", "setup.cfg"]));
            }
            make(manifests, &[], whole)
        }
        "uv" if first == "sync" => make(names(&["pyproject.toml", "uv.lock"]), &[], false),
        "poetry" if first == "install" => make(names(&["pyproject.toml", "poetry.lock"]), &[], false),
        "pipenv" if first == "install" => make(names(&["Pipfile", "Pipfile.lock"]), &[], false),
        "bundle" if first == "install" => make(names(&["Gemfile", "Gemfile.lock"]), &[], false),
        "composer" if first == "install" => make(names(&["composer.json", "composer.lock"]), &[], false),
        "go" if first == "mod" && pos.get(1).is_some_and(|p| p == "download") => {
            make(names(&["go.mod", "go.sum"]), &[], false)
        }
        "mvn" | "mvnw" if c.args().iter().any(|a| a.value.starts_with("dependency:")) => {
            make(names(&["pom.xml"]), &[], false)
        }
        "cargo" if first == "fetch" => make(names(&["Cargo.toml", "Cargo.lock"]), &[], false),
        "dotnet" if first == "restore" => make(
            names(&[
                "NuGet.config",
                "nuget.config",
                "Directory.Packages.props",
                "packages.lock.json",
            ]),
            &[".csproj", ".fsproj", ".vbproj", ".sln"],
            false,
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockwise_syntax::shell::Script;
    use dockwise_syntax::span::OffsetMap;

    fn first(text: &str) -> Option<Install> {
        let s = Script::parse(text, &OffsetMap::contiguous(0), 0);
        s.commands.iter().find_map(install)
    }

    #[test]
    fn installs_and_their_manifests() {
        let i = first("pip install --no-cache-dir -r requirements/prod.txt").unwrap();
        assert!(i.reads("requirements/prod.txt"));
        assert!(i.reads("prod.txt"));
        assert!(!i.reads("app.py"));
        assert!(!i.whole_source);
        assert!(first("pip install -rreq.txt").unwrap().reads("req.txt"));
        assert!(first("pip install --requirement=req.txt").unwrap().reads("req.txt"));
        let i = first("pip install .").unwrap();
        assert!(i.whole_source && i.reads("pyproject.toml"));
        let i = first("npm ci").unwrap();
        assert!(i.reads("package-lock.json") && i.reads("web/package.json") && !i.reads("src/index.js"));
        assert!(first("go mod download").unwrap().reads("go.sum"));
        assert!(first("dotnet restore").unwrap().reads("src/App/App.csproj"));
        assert!(first("npm run build").is_none());
        assert!(first("go build ./...").is_none());
        assert!(first("yarn").is_some());
    }
}
