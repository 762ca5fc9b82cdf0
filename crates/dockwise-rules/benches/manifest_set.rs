// A manifest set of `n` applications (nine objects each) whose every
// reference resolves: shared by the scaling benchmark and the test that the
// cross-object rules find nothing dangling in it.

/// A manifest set of `n` applications: a Deployment, its Service,
/// ServiceAccount, NetworkPolicy, PodDisruptionBudget, autoscaler,
/// Ingress, Role and RoleBinding each.
pub fn manifest_set(n: usize) -> String {
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
