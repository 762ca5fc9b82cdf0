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

const BEST_PRACTICES: &str = "https://docs.docker.com/build/building/best-practices/";

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
    K8S_SECRETS,
    "Kubernetes docs: Secrets (good practices)",
    "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
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
    DOCKER_BEST_PRACTICES,
    "Docker docs: Building best practices",
    BEST_PRACTICES
);

// The shell checks (ShellCheck codes): Docker runs a RUN's shell form with
// `/bin/sh -c` unless SHELL says otherwise; the POSIX shell language says
// what that shell does with the words.
source!(
    DOCKER_RUN,
    "Docker docs: Dockerfile reference (RUN, shell form)",
    "https://docs.docker.com/reference/dockerfile/#run"
);
source!(
    DOCKER_SHELL,
    "Docker docs: Dockerfile reference (SHELL)",
    "https://docs.docker.com/reference/dockerfile/#shell"
);
source!(
    POSIX_SHELL,
    "POSIX: Shell Command Language (word expansions, quoting)",
    "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html"
);

// Pages several cards cite.
source!(
    BUILD_CHECK_MULTIPLE_INSTRUCTIONS,
    "Docker docs: Build checks: MultipleInstructionsDisallowed",
    "https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/"
);
source!(
    CIS_CAPABILITIES,
    "CIS Docker Benchmark: Ensure that Linux kernel capabilities are restricted within \
                containers",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_CREATE_USER,
    "CIS Docker Benchmark 4.1: Ensure that a user for the container has been created",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_SECRETS,
    "CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    COMPOSE_PORTS,
    "Docker docs: Compose file reference: services.ports",
    "https://docs.docker.com/reference/compose-file/services/#ports"
);
source!(
    COMPOSE_SECRETS,
    "Docker docs: Manage secrets securely in Docker Compose",
    "https://docs.docker.com/compose/how-tos/use-secrets/"
);
source!(
    DOCKER_APT_CLEANUP,
    "Docker docs: Building best practices (apt-get: clean up in the same RUN)",
    "https://docs.docker.com/build/building/best-practices/#apt-get"
);
source!(
    DOCKER_APT_YES,
    "Docker docs: Building best practices (apt-get: installs in RUN use -y)",
    "https://docs.docker.com/build/building/best-practices/#apt-get"
);
source!(
    DOCKER_BUILD_SECRETS,
    "Docker docs: Build secrets",
    "https://docs.docker.com/build/building/secrets/"
);
source!(
    DOCKER_CACHE_MOUNT,
    "Docker docs: Dockerfile reference (RUN --mount=type=cache)",
    "https://docs.docker.com/reference/dockerfile/#run---mounttypecache"
);
source!(
    DOCKER_LABEL,
    "Docker docs: Dockerfile reference (LABEL)",
    "https://docs.docker.com/reference/dockerfile/#label"
);
source!(
    DOCKER_PIN_APT,
    "Docker docs: Building best practices (version pinning, shown for apt-get)",
    "https://docs.docker.com/build/building/best-practices/#apt-get"
);
source!(
    DOCKER_PIN_BASE,
    "Docker docs: Building best practices (Pin base image versions)",
    "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions"
);
source!(
    DOCKER_SECCOMP,
    "Docker docs: Seccomp security profiles for Docker",
    "https://docs.docker.com/engine/security/seccomp/"
);
source!(
    HADOLINT_LABELS,
    "hadolint docs: Linting labels (label schema)",
    "https://github.com/hadolint/hadolint#linting-labels"
);
source!(
    K8S_SECURITY_CONTEXT,
    "Kubernetes docs: Configure a Security Context for a Pod or Container",
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
);
source!(
    OCI_ANNOTATIONS,
    "OCI Image Spec: Pre-defined annotation keys",
    "https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys"
);
source!(
    ZYPPER_MANUAL,
    "zypper(8) manual (openSUSE/zypper)",
    "https://github.com/openSUSE/zypper/blob/master/doc/zypper.8.txt"
);

source!(
    CIS_READ_ONLY_ROOT,
    "CIS Docker Benchmark: Ensure that the container's root filesystem is mounted as read only",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_DOCKER_SOCKET,
    "CIS Docker Benchmark: Ensure that the Docker socket is not mounted inside any containers",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_HEALTHCHECK,
    "CIS Docker Benchmark 4.6: Ensure that HEALTHCHECK instructions have been added to container images",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_BIND_HOST_INTERFACE,
    "CIS Docker Benchmark: Ensure that incoming container traffic is bound to a specific host \
                interface",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_PRIVILEGED_CONTAINERS,
    "CIS Docker Benchmark: Ensure that privileged containers are not used",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_SSHD,
    "CIS Docker Benchmark: Ensure sshd is not run within containers",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_UNNECESSARY_PACKAGES,
    "CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    CIS_VERIFIED_PACKAGES,
    "CIS Docker Benchmark 4.11: Ensure only verified packages are installed",
    "https://www.cisecurity.org/benchmark/docker"
);
source!(
    DNF_ASSUMEYES,
    "DNF command reference (-y, --assumeyes)",
    "https://dnf.readthedocs.io/en/latest/command_ref.html"
);
source!(
    DNF_CLEAN_COMMAND,
    "DNF command reference (clean)",
    "https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command"
);
source!(
    DNF_SPECIFYING_PACKAGES,
    "DNF command reference (specifying packages)",
    "https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages"
);
source!(
    DOCKER_REF_ADD_CHECKSUM,
    "Docker docs: Dockerfile reference (ADD --checksum)",
    "https://docs.docker.com/reference/dockerfile/#add---checksum"
);
source!(
    DOCKER_BEST_PRACTICES_APT,
    "Docker docs: Building best practices (apt-get)",
    "https://docs.docker.com/build/building/best-practices/#apt-get"
);
source!(
    DOCKER_BASE_IMAGE,
    "Docker docs: Building best practices (Choose the right base image)",
    "https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image"
);
source!(
    DOCKER_REF_CMD,
    "Docker docs: Dockerfile reference (CMD)",
    "https://docs.docker.com/reference/dockerfile/#cmd"
);
source!(
    DOCKER_REF_COPY_FROM,
    "Docker docs: Dockerfile reference (COPY --from)",
    "https://docs.docker.com/reference/dockerfile/#copy---from"
);
source!(
    DOCKER_DOCKERIGNORE_FILES,
    "Docker docs: Build context (.dockerignore files)",
    "https://docs.docker.com/build/concepts/context/#dockerignore-files"
);
source!(
    DOCKER_FEW_PACKAGES,
    "Docker docs: Building best practices (Don't install unnecessary packages)",
    "https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages"
);
source!(
    DOCKER_REF_EXPOSE,
    "Docker docs: Dockerfile reference (EXPOSE)",
    "https://docs.docker.com/reference/dockerfile/#expose"
);
source!(
    DOCKER_RUN_PRIVILEGES,
    "Docker docs: Running containers: Runtime privilege and Linux capabilities",
    "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities"
);
source!(
    BUILD_CHECK_SECRETS_IN_ARG_ENV,
    "Docker docs: Build checks: SecretsUsedInArgOrEnv",
    "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"
);
source!(
    COMPOSE_SERVICES,
    "Docker docs: Compose file reference: Services top-level element",
    "https://docs.docker.com/reference/compose-file/services/"
);
source!(
    COMPOSE_STARTUP_ORDER,
    "Docker docs: Control startup and shutdown order in Compose",
    "https://docs.docker.com/compose/how-tos/startup-order/"
);
source!(
    DOCKER_START_CONTAINERS_AUTOMATICALLY,
    "Docker docs: Start containers automatically (restart policies)",
    "https://docs.docker.com/engine/containers/start-containers-automatically/"
);
source!(
    DOCKER_ARG_AND_FROM,
    "Docker docs: Dockerfile reference (Understand how ARG and FROM interact)",
    "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact"
);
source!(
    DOCKER_BEST_PRACTICES_USER,
    "Docker docs: Building best practices (USER)",
    "https://docs.docker.com/build/building/best-practices/#user"
);
source!(
    DOCKER_BEST_PRACTICES_WORKDIR,
    "Docker docs: Building best practices (WORKDIR)",
    "https://docs.docker.com/build/building/best-practices/#workdir"
);
source!(
    K8S_OBJECTS,
    "Kubernetes docs: Objects in Kubernetes: Describing a Kubernetes object (YAML manifests, \
                sent as JSON)",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object"
);
source!(
    K8S_HOSTPATH,
    "Kubernetes docs: Volumes: hostPath",
    "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"
);
source!(
    K8S_IMAGEPULLPOLICY_DEFAULTING,
    "Kubernetes docs: Images: imagePullPolicy defaulting",
    "https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting"
);
source!(
    K8S_LIVENESS_PROBE,
    "Kubernetes docs: Liveness, Readiness, and Startup Probes: Liveness probe",
    "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/#liveness-probe"
);
source!(
    K8S_REQUESTS_AND_LIMITS,
    "Kubernetes docs: Resource Management for Pods and Containers: Requests and limits",
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits"
);
source!(
    YAML_UNIQUE_KEYS,
    "YAML 1.2.2 specification: 3.2.1.1 Nodes (mapping keys are unique)",
    "https://yaml.org/spec/1.2.2/#3211-nodes"
);
source!(
    YAML_INDENTATION,
    "YAML 1.2.2 specification: 6.1 Indentation Spaces",
    "https://yaml.org/spec/1.2.2/#61-indentation-spaces"
);

concern!(ROOT_USER, "running as root", "Running as root is like giving a bank clerk the master key to the whole building: fine until the day someone else gets hold of the clerk's key ring.");
concern!(MUTABLE_TAGS, "mutable image tags", "A tag is like a shopping list that says \"bread\": you get bread, but not the same loaf twice. A digest names the very loaf.");
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
concern!(HOST_NAMESPACES, "access to the host (namespaces, ports, paths)", "");
concern!(RESOURCE_LIMITS, "resource limits", "Limits are like separate electricity meters in a shared house: one tenant's heater cannot black out everyone else.");
concern!(HEALTH, "health checks", "A health check is the window into a room: without it nobody sees that the person inside has fallen asleep at the desk.");
concern!(SECRETS, "secrets", "A secret written into a file that gets shared (an image, a compose file in git, a manifest) is a password written on the box the product ships in: everyone who ever handles the box can read it.");
concern!(
    READ_ONLY_ROOT,
    "a read-only root filesystem",
    "A read-only filesystem is a museum display case: visitors can look, nobody can swap the exhibit."
);
concern!(MULTI_STAGE, "build tools in the final image", "A multi-stage build is a workshop and a showroom: the tools stay in the workshop, only the finished piece goes on display.");
concern!(LOGGING, "logs", "Logging to a file inside the container is keeping the flight recorder in the plane's overhead locker: it goes wherever the plane goes.");
concern!(SSHD, "sshd in a container", "");
concern!(PINNED_PACKAGES, "pinned package versions", "");
concern!(IMAGE_SIZE, "package caches and image size", "");
concern!(GRACEFUL_SHUTDOWN, "graceful shutdown", "Stopping with SIGKILL or no grace period is pulling the plug on a shop at closing time: a stop signal with a grace period is announcing closing time, so the tills are counted and the doors locked before the lights go out.");

// Cross-object Kubernetes rules (DW3032 onward): the manifest set's references.
source!(
    K8S_SERVICE,
    "Kubernetes docs: Service (selectors, Services without selectors, ExternalName)",
    "https://kubernetes.io/docs/concepts/services-networking/service/"
);
source!(
    K8S_INGRESS,
    "Kubernetes docs: Ingress (rules, backends and the default backend)",
    "https://kubernetes.io/docs/concepts/services-networking/ingress/"
);
source!(
    K8S_HPA_API,
    "Kubernetes API reference: HorizontalPodAutoscaler (scaleTargetRef)",
    "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v1/"
);
source!(
    K8S_NETWORK_POLICIES,
    "Kubernetes docs: Network Policies",
    "https://kubernetes.io/docs/concepts/services-networking/network-policies/"
);
source!(
    K8S_SERVICE_ACCOUNTS,
    "Kubernetes docs: Configure Service Accounts for Pods",
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"
);
source!(
    K8S_POD_API,
    "Kubernetes API reference: Pod (PodSpec fields)",
    "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/"
);
source!(
    K8S_RBAC_GOOD_PRACTICES,
    "Kubernetes docs: Role Based Access Control Good Practices",
    "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
);
source!(
    K8S_RBAC,
    "Kubernetes docs: Using RBAC Authorization",
    "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
);
source!(
    CIS_KUBERNETES,
    "CIS Kubernetes Benchmark, section 5.1 (RBAC and Service Accounts)",
    "https://www.cisecurity.org/benchmark/kubernetes"
);
source!(
    K8S_PDB,
    "Kubernetes docs: Specifying a Disruption Budget for your Application",
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/"
);
source!(
    K8S_ANNOTATIONS,
    "Kubernetes docs: Annotations (who is responsible for an object)",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/"
);
source!(
    K8S_OBJECT_LABELS,
    "Kubernetes docs: Labels and Selectors",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"
);
