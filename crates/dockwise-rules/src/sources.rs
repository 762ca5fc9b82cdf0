//! The pages rule cards cite, and the concerns that tie rules of different
//! kinds together. Rules point at these from their `standard` and `concern`
//! fields. The text is kept with the `docs` feature only (the browser loads
//! cards from `rules.json`).

use crate::rule::{Concern, Source};

macro_rules! source {
    ($name:ident, $title:expr, $url:expr) => {
        pub static $name: Source = Source {
            title: text!($title),
            url: text!($url),
        };
    };
}

macro_rules! concern {
    ($name:ident, $label:expr, $analogy:expr) => {
        pub static $name: Concern = Concern {
            name: $label,
            analogy: text!($analogy),
        };
    };
}

const CIS: &str = "https://www.cisecurity.org/benchmark/docker";
const PSS: &str = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
const BEST_PRACTICES: &str = "https://docs.docker.com/build/building/best-practices/";

source!(
    CIS_CREATE_USER,
    "CIS Docker Benchmark: create a user for the container",
    CIS
);
source!(
    PSS_RESTRICTED_NON_ROOT,
    "Kubernetes Pod Security Standards (restricted): run as non-root",
    PSS
);
source!(
    DOCKER_PIN_BASE,
    "Docker docs: Dockerfile best practices (pin base image versions)",
    BEST_PRACTICES
);
source!(
    K8S_IMAGES,
    "Kubernetes docs: Images (image names and tags)",
    "https://kubernetes.io/docs/concepts/containers/images/"
);
source!(
    CIS_CAPABILITIES,
    "CIS Docker Benchmark: restrict Linux kernel capabilities, do not use privileged containers",
    CIS
);
source!(
    PSS_BASELINE_RESTRICTED,
    "Kubernetes Pod Security Standards (baseline and restricted)",
    PSS
);
source!(
    CIS_DOCKER_SOCKET,
    "CIS Docker Benchmark: do not mount the Docker socket inside any containers",
    CIS
);
source!(
    CIS_HOST_NAMESPACES,
    "CIS Docker Benchmark: do not share the host's network, process or IPC namespace",
    CIS
);
source!(PSS_BASELINE, "Kubernetes Pod Security Standards (baseline)", PSS);
source!(
    CIS_LIMITS,
    "CIS Docker Benchmark: limit memory usage and set CPU priority",
    CIS
);
source!(
    K8S_RESOURCES,
    "Kubernetes docs: Resource Management for Pods and Containers",
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
);
source!(
    DOCKER_HEALTHCHECK,
    "Docker docs: HEALTHCHECK instruction",
    "https://docs.docker.com/reference/dockerfile/#healthcheck"
);
source!(
    K8S_PROBES,
    "Kubernetes docs: Configure Liveness, Readiness and Startup Probes",
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
);
source!(
    DOCKER_SECRETS,
    "Docker docs: Build secrets and Compose secrets",
    "https://docs.docker.com/build/building/secrets/"
);
source!(
    K8S_SECRETS,
    "Kubernetes docs: Secrets (good practices)",
    "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
);
source!(
    CIS_READ_ONLY,
    "CIS Docker Benchmark: mount the container's root filesystem as read only",
    CIS
);
source!(
    DOCKER_EXEC_FORM,
    "Docker docs: Dockerfile reference (CMD and ENTRYPOINT, shell and exec form)",
    "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form"
);
source!(
    DOCKER_MULTI_STAGE,
    "Docker docs: Multi-stage builds",
    "https://docs.docker.com/build/building/multi-stage/"
);
source!(
    DOCKER_LOGGING,
    "Docker docs: Configure logging drivers",
    "https://docs.docker.com/engine/logging/configure/"
);
source!(
    TWELVE_FACTOR_LOGS,
    "The Twelve-Factor App (XI. Logs)",
    "https://12factor.net/logs"
);
source!(CIS_SSHD, "CIS Docker Benchmark: do not run sshd within containers", CIS);
source!(
    DOCKER_PIN_PACKAGES,
    "Docker docs: Dockerfile best practices (pin package versions)",
    BEST_PRACTICES
);
source!(
    DOCKER_LAYERS,
    "Docker docs: Dockerfile best practices (minimise the number of layers and image size)",
    BEST_PRACTICES
);
source!(
    HADOLINT_BEST_PRACTICES,
    "Docker docs: Dockerfile best practices (as checked by hadolint)",
    BEST_PRACTICES
);
source!(
    BUILD_CHECKS,
    "Docker docs: Build checks (BuildKit)",
    "https://docs.docker.com/reference/build-checks/"
);
source!(CIS_DOCKER, "CIS Docker Benchmark", CIS);
source!(
    DOCKER_BEST_PRACTICES,
    "Docker docs: Dockerfile best practices",
    BEST_PRACTICES
);
source!(
    COMPOSE_SPEC,
    "Docker docs: Compose file reference (Compose Specification)",
    "https://docs.docker.com/reference/compose-file/"
);
source!(PSS_DOCS, "Kubernetes docs: Pod Security Standards", PSS);
source!(
    K8S_CONFIG,
    "Kubernetes docs: Workloads and configuration best practices",
    "https://kubernetes.io/docs/concepts/configuration/overview/"
);

concern!(ROOT_USER, "running as root", "Running as root is like giving a bank clerk the master key to the whole building: fine until the day someone else gets hold of the clerk's key ring.");
concern!(MUTABLE_TAGS, "mutable image tags", "A `latest` tag is like a shopping list that says \"whatever bread is on the shelf\": you get bread, but not the same bread twice.");
concern!(
    PRIVILEGES,
    "extra privileges",
    "Privileges are like keys on a key ring: each one opens another door, so carry only the ones the job needs."
);
concern!(
    RUNTIME_SOCKET,
    "the container runtime's socket",
    "Handing a container the Docker socket is handing a guest the remote control of the whole building."
);
concern!(HOST_NAMESPACES, "host namespaces", "");
concern!(RESOURCE_LIMITS, "resource limits", "Limits are like separate electricity meters in a shared house: one tenant's heater cannot black out everyone else.");
concern!(HEALTH, "health checks", "A health check is the window into a room: without it nobody sees that the person inside has fallen asleep at the desk.");
concern!(SECRETS, "secrets", "A secret baked into an image is a password written on the box the product ships in: everyone who ever handles the box can read it.");
concern!(
    READ_ONLY_ROOT,
    "a read-only root filesystem",
    "A read-only filesystem is a museum display case: visitors can look, nobody can swap the exhibit."
);
concern!(EXEC_FORM, "how the process is started", "Shell form puts a receptionist (`/bin/sh`) between the caller and the app, and this receptionist never passes on the message to hang up.");
concern!(MULTI_STAGE, "build tools in the final image", "A multi-stage build is a workshop and a showroom: the tools stay in the workshop, only the finished piece goes on display.");
concern!(LOGGING, "logs", "Logging to a file inside the container is keeping the flight recorder in the plane's overhead locker: it goes wherever the plane goes.");
concern!(SSHD, "sshd in a container", "");
concern!(PINNED_PACKAGES, "pinned package versions", "");
concern!(IMAGE_SIZE, "package caches and image size", "");
