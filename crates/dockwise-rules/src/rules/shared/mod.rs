//! Helpers for the rules of every kind: capability names, container-runtime
//! sockets, host system paths, secret detection, image references with placeholders, line
//! numbers for messages, the edit distance behind "did you mean", and fixes
//! for YAML files (`fixes`).

pub mod eol;
pub mod fixes;
pub mod host_paths;
pub mod images;
pub mod secrets;

/// The 1-based line of byte `offset` of `text`, for messages ("first on line 3").
pub fn line_of(text: &str, offset: u32) -> usize {
    let end = (offset as usize).min(text.len());
    text.as_bytes()[..end].iter().filter(|&&c| c == b'\n').count() + 1
}

/// Capabilities that reach outside the container. None is in Docker's or
/// containerd's default set, and the baseline Pod Security Standard allows
/// none of them. `IPC_LOCK` reaches the node by its memory: it lifts the limit
/// on locked memory, which the kernel can then neither reclaim nor swap.
pub const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_PTRACE",
    "SYS_BOOT",
    "SYS_TIME",
    "NET_ADMIN",
    "DAC_READ_SEARCH",
    "BPF",
    "PERFMON",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "SYSLOG",
    "IPC_LOCK",
];

/// `CAP_SYS_ADMIN` and `sys_admin` both name `SYS_ADMIN`.
pub fn normalise_capability(cap: &str) -> String {
    let up = cap.trim().to_ascii_uppercase();
    up.strip_prefix("CAP_").map(str::to_string).unwrap_or(up)
}

/// Is this path a container runtime's API socket?
pub fn is_runtime_socket(path: &str) -> bool {
    let p = path.trim_end_matches('/');
    [
        "docker.sock",
        "containerd.sock",
        "podman.sock",
        "crio.sock",
        "dockershim.sock",
    ]
    .iter()
    .any(|s| p.ends_with(s))
}

/// Edit distance, for "did you mean" suggestions. Exact up to 2 (all that
/// a suggestion needs); for strings whose lengths differ by more than 2 it
/// is that difference, a lower bound found without comparing them, so that
/// a name of a megabyte is not compared character by character with every
/// known one.
pub fn distance(a: &str, b: &str) -> usize {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > 2 {
        return la.abs_diff(lb);
    }
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = Vec::with_capacity(b.len() + 1);
    for (i, ca) in a.chars().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
