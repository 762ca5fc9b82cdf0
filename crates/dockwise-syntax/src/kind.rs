//! The three kinds of file Dockwise reads.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Dockerfile,
    Compose,
    Kubernetes,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Dockerfile, FileKind::Compose, FileKind::Kubernetes];

    /// The kind's id in settings, links and JSON: `dockerfile`, `compose`, `kubernetes`.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Compose => "compose",
            FileKind::Kubernetes => "kubernetes",
        }
    }

    /// The kind's name for people: `Dockerfile`, `Compose`, `Kubernetes`.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "Dockerfile",
            FileKind::Compose => "Compose",
            FileKind::Kubernetes => "Kubernetes",
        }
    }

    /// The syntax the text is written in (an editor's highlighting mode):
    /// `dockerfile` or `yaml`.
    pub fn syntax(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Compose | FileKind::Kubernetes => "yaml",
        }
    }

    /// Reads a kind's id (and the usual other spellings: `docker`, `k8s`...).
    pub fn parse(s: &str) -> Option<FileKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dockerfile" | "docker" => Some(FileKind::Dockerfile),
            "compose" | "docker-compose" => Some(FileKind::Compose),
            "kubernetes" | "k8s" => Some(FileKind::Kubernetes),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for k in FileKind::ALL {
            assert_eq!(FileKind::parse(k.as_str()), Some(k));
            assert_eq!(FileKind::parse(k.label()), Some(k));
        }
        assert_eq!(FileKind::parse("k8s"), Some(FileKind::Kubernetes));
        assert_eq!(FileKind::Compose.syntax(), "yaml");
    }
}
