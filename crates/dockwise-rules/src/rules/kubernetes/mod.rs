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
    dw3065,
    dw3066,
    dw3067,
    dw3068,
    dw3069,
    dw3070,
    dw3071,
    dw3072,
    dw3073,
    dw3074,
    dw3075,
    dw3076,
    dw3077,
    dw3078,
}

#[cfg(test)]
mod tests {
    use crate::engine::lint;
    use crate::options::LintOptions;
    use dockwise_syntax::FileKind;

    /// checkov's ids are aliases of the rules answering the same concern
    /// (tests/parity/checkov_parity.py measures the agreement on the corpus).
    #[test]
    fn checkov_ids_name_their_rules() {
        for (check, rule) in [
            ("CKV_K8S_8", "DW3004"),
            ("CKV_K8S_9", "DW3005"),
            ("CKV_K8S_10", "DW3002"),
            ("CKV_K8S_13", "DW3003"),
            ("CKV_K8S_14", "DW3017"),
            ("CKV_K8S_16", "DW3008"),
            ("CKV_K8S_17", "DW3013"),
            ("CKV_K8S_18", "DW3013"),
            ("CKV_K8S_19", "DW3013"),
            ("CKV_K8S_20", "DW3009"),
            ("CKV_K8S_22", "DW3010"),
            ("CKV_K8S_23", "DW3007"),
            ("CKV_K8S_26", "DW3014"),
            ("CKV_K8S_27", "DW3016"),
            ("CKV_K8S_28", "DW3011"),
            ("CKV_K8S_31", "DW3021"),
            ("CKV_K8S_35", "DW3047"),
            ("CKV_K8S_37", "DW3011"),
            ("CKV_K8S_38", "DW3020"),
            ("CKV_K8S_40", "DW3066"),
            ("CKV_K8S_43", "DW3065"),
            ("CKV_K8S_49", "DW3039"),
        ] {
            assert_eq!(crate::rules::find(check).map(|r| r.id), Some(rule), "{check}");
        }
    }

    mod manifest_set {
        include!(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/manifest_set.rs"));
    }

    /// Every rule on, every cross-object rule looking up its references, on
    /// a set of 480 applications (4,320 objects) whose references all
    /// resolve: nothing is dangling. (Its cost is measured by the benchmark
    /// `cargo bench -p dockwise-rules --bench lint -- scaling/manifest`.)
    #[test]
    fn a_large_manifest_set_resolves_cleanly() {
        let text = manifest_set::manifest_set(480);
        let opts = LintOptions {
            only: Some(super::RULES.iter().map(|r| r.id.to_string()).collect()),
            kind: Some(FileKind::Kubernetes),
            ..Default::default()
        };
        let result = lint(&text, &opts);
        // the cross-object rules' findings: a reference that dangles
        let dangling = [
            "DW3032", "DW3033", "DW3035", "DW3036", "DW3037", "DW3040", "DW3041", "DW3052", "DW3054", "DW3056",
            "DW3075",
        ];
        let cross: Vec<&str> = result
            .findings
            .iter()
            .filter(|f| dangling.contains(&f.rule.id))
            .map(|f| f.rule.id)
            .collect();
        assert!(cross.is_empty(), "{cross:?}");
    }
}
