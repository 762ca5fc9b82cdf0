//! Helpers shared by the Kubernetes rules.

use crate::diagnostics::Reporter;
use dockwise_syntax::kubernetes::Manifests;

/// Reports every app container of a long-running workload that has no
/// `probe` (`livenessProbe`, `readinessProbe`...); `why` ends the message.
pub fn missing_probe(m: &Manifests, out: &mut Reporter, probe: &str, what: &str, why: &str) {
    for (o, c) in m.long_running_app_containers() {
        if c.get(probe).is_none() {
            out.report(
                c.anchor(),
                format!("{} of {} has no {what}: {why}", c.label(), o.label()),
            );
        }
    }
}
