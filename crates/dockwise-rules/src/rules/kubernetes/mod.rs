//! Kubernetes rules. One file per rule; one line per rule in `rules!` below.

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every Kubernetes rule, in catalogue order.
        pub static RULES: &[&crate::rule::Rule] = &[$(&$module::RULE),*];
    };
}

pub mod helpers;

rules! {
    dw3000,
    dw3001,
    dw3002,
    dw3003,
    dw3004,
    dw3005,
    dw3006,
    dw3007,
    dw3008,
    dw3009,
    dw3010,
    dw3011,
    dw3012,
    dw3013,
    dw3014,
    dw3015,
    dw3016,
    dw3017,
    dw3018,
    dw3019,
    dw3020,
    dw3021,
    dw3022,
    dw3023,
    dw3024,
    dw3025,
    dw3026,
    dw3027,
    dw3028,
    dw3029,
    dw3030,
    dw3031,
    dw3032,
    dw3033,
    dw3034,
    dw3035,
    dw3036,
    dw3037,
    dw3038,
    dw3039,
    dw3040,
    dw3041,
    dw3042,
    dw3043,
    dw3044,
    dw3045,
    dw3046,
    dw3047,
    dw3048,
    dw3049,
    dw3050,
    dw3051,
    dw3052,
    dw3053,
    dw3054,
    dw3055,
    dw3056,
    dw3057,
    dw3058,
    dw3059,
    dw3060,
    dw3061,
    dw3062,
    dw3063,
    dw3064,
}

#[cfg(test)]
mod tests {
    use crate::engine::lint;
    use crate::options::LintOptions;
    use dockwise_syntax::FileKind;
    use std::time::{Duration, Instant};

    /// A manifest set of `n` applications: a Deployment, its Service,
    /// ServiceAccount, NetworkPolicy, PodDisruptionBudget, autoscaler,
    /// Ingress, Role and RoleBinding each.
    fn set(n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: a{i}, namespace: ns}}\nspec:\n  replicas: 3\n  selector: {{matchLabels: {{app: a{i}}}}}\n  template:\n    metadata: {{labels: {{app: a{i}}}}}\n    spec:\n      serviceAccountName: a{i}\n      containers: [{{name: c, image: c:1, ports: [{{name: http, containerPort: 80}}], readinessProbe: {{httpGet: {{port: http}}}}}}]\n\
                ---\napiVersion: v1\nkind: Service\nmetadata: {{name: a{i}, namespace: ns}}\nspec: {{selector: {{app: a{i}}}, ports: [{{port: 80, targetPort: http}}]}}\n\
                ---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {{name: a{i}, namespace: ns}}\n\
                ---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: a{i}, namespace: ns}}\nspec: {{podSelector: {{matchLabels: {{app: a{i}}}}}, ingress: [{{from: [{{podSelector: {{matchLabels: {{app: a{i}}}}}}}]}}]}}\n\
                ---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: a{i}, namespace: ns}}\nspec: {{minAvailable: 1, selector: {{matchLabels: {{app: a{i}}}}}}}\n\
                ---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: a{i}, namespace: ns}}\nspec: {{scaleTargetRef: {{kind: Deployment, name: a{i}}}, minReplicas: 3, maxReplicas: 9}}\n\
                ---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: a{i}, namespace: ns}}\nspec: {{defaultBackend: {{service: {{name: a{i}, port: {{number: 80}}}}}}}}\n\
                ---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: a{i}, namespace: ns}}\nrules: [{{resources: [configmaps], verbs: [get]}}]\n\
                ---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: a{i}, namespace: ns}}\nroleRef: {{kind: Role, name: a{i}}}\n"
            ));
        }
        s
    }

    fn time(n: usize) -> (Duration, usize) {
        let text = set(n);
        let opts = LintOptions {
            only: Some(super::RULES.iter().map(|r| r.id.to_string()).collect()),
            kind: Some(FileKind::Kubernetes),
            ..Default::default()
        };
        let start = Instant::now();
        let result = lint(&text, &opts);
        // the cross-object rules' findings: a reference that dangles
        let dangling = [
            "DW3032", "DW3033", "DW3035", "DW3036", "DW3037", "DW3040", "DW3041", "DW3052", "DW3054", "DW3056",
        ];
        let cross = result.findings.iter().filter(|f| dangling.contains(&f.rule.id)).count();
        (start.elapsed(), cross)
    }

    /// Every rule on with every cross-object rule looking up its references:
    /// the set resolves cleanly (no dangling reference), and four times the
    /// objects cost about four times the time, not sixteen (the bound leaves
    /// room for a shared, busy machine).
    #[test]
    fn a_large_manifest_set_is_checked_in_linear_time() {
        let (small, clean_small) = time(120);
        let (large, clean_large) = time(480);
        assert_eq!((clean_small, clean_large), (0, 0));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
        assert!(ratio < 10.0, "120 apps: {small:?}, 480 apps: {large:?} (x{ratio:.1})");
    }
}
