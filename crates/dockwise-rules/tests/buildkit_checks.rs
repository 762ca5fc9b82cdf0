//! BuildKit's own check tests (moby/buildkit,
//! `frontend/dockerfile/dockerfile_check_test.go`), rebuilt here: each case
//! is a Dockerfile (and sometimes a `.dockerignore`) with the BuildKit checks
//! that `docker build --check` reports on it, by name and line. Dockwise
//! must report the same names on the same lines, counting only the findings
//! of rules that carry a BuildKit name as an alias.
//!
//! Where BuildKit's test expects different findings from a build and from
//! the lint request (a stage the default target does not reach), the lint
//! request's are used: `docker build --check` is that request, and it checks
//! every stage, as Dockwise does. BuildKit's lint request does not compare
//! lines; the lines here are where the instructions are.
//!
//! Left out: the two cases that pass the directive as the build argument
//! `BUILDKIT_DOCKERFILE_CHECK` (it replaces the file's `# check=`; Dockwise
//! has no build arguments), and InvalidBaseImagePlatform's case (it pushes an
//! image for another platform to a registry and pulls it back).

use dockwise_rules::pragma::BUILDKIT_CHECKS;
use dockwise_rules::{lint, FileKind, LintOptions, Severity};

struct Case {
    /// BuildKit's test function, and which of its cases.
    from: &'static str,
    dockerfile: &'static str,
    dockerignore: Option<&'static str>,
    /// (check, 1-based line), in any order.
    expect: &'static [(&'static str, u32)],
    /// `error=true`: the findings are errors.
    errors: bool,
}

const fn case(from: &'static str, dockerfile: &'static str, expect: &'static [(&'static str, u32)]) -> Case {
    Case {
        from,
        dockerfile,
        dockerignore: None,
        expect,
        errors: false,
    }
}

const fn ignoring(
    from: &'static str,
    dockerignore: &'static str,
    dockerfile: &'static str,
    expect: &'static [(&'static str, u32)],
) -> Case {
    Case {
        from,
        dockerfile,
        dockerignore: Some(dockerignore),
        expect,
        errors: false,
    }
}

const fn failing(from: &'static str, dockerfile: &'static str, expect: &'static [(&'static str, u32)]) -> Case {
    Case {
        from,
        dockerfile,
        dockerignore: None,
        expect,
        errors: true,
    }
}

/// The BuildKit check a rule answers, if any.
fn buildkit_name(rule: &dockwise_rules::Rule) -> Option<&'static str> {
    rule.aliases.iter().copied().find(|a| BUILDKIT_CHECKS.contains(a))
}

/// BuildKit names and lines of the findings on `case`, sorted, and whether
/// every one of them is an error.
fn reported(case: &Case) -> (Vec<(String, u32)>, bool) {
    let options = LintOptions {
        kind: Some(FileKind::Dockerfile),
        dockerignore: case.dockerignore.map(str::to_string),
        ..Default::default()
    };
    let result = lint(case.dockerfile, &options);
    let mut all_errors = true;
    let mut found: Vec<(String, u32)> = result
        .findings
        .iter()
        .filter_map(|f| {
            let name = buildkit_name(f.rule)?;
            all_errors &= f.severity == Severity::Error;
            Some((name.to_string(), result.position(case.dockerfile, f.span.start).line))
        })
        .collect();
    found.sort();
    (found, all_errors)
}

const CASES: &[Case] = &[
    // testDefinitionDescription
    case(
        "DefinitionDescription 1: every comment names what it describes",
        "# check=skip=all;experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n\n\
         # base this is the base image\nFROM scratch AS base\n\n# version this is the version number\n\
         ARG version=latest\n\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n\n\
         # comment for something other than ARG or FROM\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "DefinitionDescription 2: comments that name something else",
        "# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n\
         # BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n\
         # definitely a bad comment\nARG foo=baz bar=qux baz=quux\n",
        &[
            ("InvalidDefinitionDescription", 3),
            ("InvalidDefinitionDescription", 5),
            ("InvalidDefinitionDescription", 7),
            ("InvalidDefinitionDescription", 9),
        ],
    ),
    // testCopyIgnoredFiles
    ignoring(
        "CopyIgnoredFiles 1: COPY and ADD of an ignored file",
        "\nDockerfile\n",
        "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
        &[("CopyIgnoredFile", 3), ("CopyIgnoredFile", 4)],
    ),
    ignoring(
        "CopyIgnoredFiles 2: the same, again",
        "\nDockerfile\n",
        "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
        &[("CopyIgnoredFile", 3), ("CopyIgnoredFile", 4)],
    ),
    ignoring(
        "CopyIgnoredFiles 3: skipped by the directive",
        "\nDockerfile\n",
        "# check=skip=CopyIgnoredFile\n\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
        &[],
    ),
    ignoring(
        "CopyIgnoredFiles 4: the ignored name is a destination and a stage's file",
        "\nfoobar\n",
        "\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\n\
         COPY --from=base /foobar /Dockerfile\n",
        &[],
    ),
    ignoring(
        "CopyIgnoredFiles 5: everything ignored but the file copied",
        "\n**\n!Dockerfile\n",
        "\nFROM scratch\nCOPY ./Dockerfile .\n",
        &[],
    ),
    ignoring(
        "CopyIgnoredFiles 6: the whole context",
        "\n**\n!Dockerfile\n",
        "\nFROM scratch\nCOPY . .\n\t",
        &[],
    ),
    // testCopyIgnoredFileContextRoot
    ignoring(
        "CopyIgnoredFileContextRoot dotfiles",
        "\n.*\n",
        "\nFROM scratch\nCOPY . .\n",
        &[],
    ),
    ignoring(
        "CopyIgnoredFileContextRoot wildcard",
        "\n*\n",
        "\nFROM scratch\nCOPY . .\n",
        &[("CopyIgnoredFile", 3)],
    ),
    // testSecretsUsedInArgOrEnv
    case(
        "SecretsUsedInArgOrEnv: names, allowed words, and comments that skip",
        "# check=skip=InvalidDefinitionDescription\n\nFROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\n\
         ENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\nENV apikey=bar sunflower=foo\n\
         ENV git_key=\nENV PUBLIC_KEY=\nARG public_token\nARG SECRET_PASSPHRASE_FILE\n\
         ENV password_file=bar secret_File=baz\nARG AUTH_MODULE_VERSION\n\
         # check=skip=SecretsUsedInArgOrEnv // allow secret in environment\nENV password=bar\n\
         # check=skip=SecretsUsedInArgOrEnv // allow secret in arg\nARG password\n\
         # check=skip=all // is local to only this instruction\nENV alternate_password=bar\n\
         # check=skip=all // is local to only this instruction\nARG alternate_password\n",
        &[
            ("SecretsUsedInArgOrEnv", 4),
            ("SecretsUsedInArgOrEnv", 5),
            ("SecretsUsedInArgOrEnv", 6),
            ("SecretsUsedInArgOrEnv", 6),
            ("SecretsUsedInArgOrEnv", 7),
            ("SecretsUsedInArgOrEnv", 7),
            ("SecretsUsedInArgOrEnv", 8),
            ("SecretsUsedInArgOrEnv", 9),
        ],
    ),
    // testAllTargetUnmarshal
    case(
        "AllTargetUnmarshal: every stage is checked",
        "\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n",
        &[("UndefinedVar", 3), ("UndefinedVar", 6)],
    ),
    // testRuleCheckOption
    case(
        "RuleCheckOption 1: skip=all",
        "#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n",
        &[],
    ),
    failing(
        "RuleCheckOption 2: skip=all;error=true",
        "#check=skip=all;error=true\nFROM scratch as base\ncopy Dockerfile .\n",
        &[],
    ),
    case(
        "RuleCheckOption 3: skip two checks",
        "#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n",
        &[],
    ),
    failing(
        "RuleCheckOption 4: skip two checks, error=true",
        "#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n",
        &[],
    ),
    case(
        "RuleCheckOption 5: skip one check",
        "#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n",
        &[("FromAsCasing", 2)],
    ),
    failing(
        "RuleCheckOption 6: skip one check, error=true",
        "#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n",
        &[("FromAsCasing", 2)],
    ),
    // testStageName
    case(
        "StageName 1",
        "\n# a stage name in mixed case\n#\nFROM scratch AS BadStageName\n\n# `as` in lower case after `FROM`\n#\n\
         FROM scratch as base2\n\nFROM scratch AS base3\n",
        &[("FromAsCasing", 8), ("StageNameCasing", 4)],
    ),
    case(
        "StageName 2",
        "\n# `AS` in upper case after `from`\n#\nfrom scratch AS base\n\nfrom scratch as base2\n",
        &[("FromAsCasing", 4)],
    ),
    // testNoEmptyContinuation
    case(
        "NoEmptyContinuation: reported on the instruction's last line",
        "\nFROM scratch\n# an empty line inside COPY\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n",
        &[("NoEmptyContinuation", 6)],
    ),
    // testConsistentInstructionCasing
    case(
        "ConsistentInstructionCasing 1: mixed-case From",
        "\n# From is neither\n#\nFrom scratch as base\nFROM scratch AS base2\n",
        &[("ConsistentInstructionCasing", 4)],
    ),
    case(
        "ConsistentInstructionCasing 2: one copy among upper case",
        "\nFROM scratch\n# copy against the upper-case majority\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n",
        &[("ConsistentInstructionCasing", 4)],
    ),
    case(
        "ConsistentInstructionCasing 3: mixed-case frOM",
        "\n# frOM is neither\n#\nfrOM scratch as base\nfrom scratch as base2\n",
        &[("ConsistentInstructionCasing", 4)],
    ),
    case(
        "ConsistentInstructionCasing 4: one COPY among lower case",
        "\nfrom scratch\n# COPY against the lower-case majority\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n",
        &[("ConsistentInstructionCasing", 4)],
    ),
    case(
        "ConsistentInstructionCasing 5: from against an upper-case majority",
        "\n# from against the majority\n#\nfrom scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\nCOPY Dockerfile /baz\n",
        &[("ConsistentInstructionCasing", 4)],
    ),
    case(
        "ConsistentInstructionCasing 6: FROM against a lower-case majority",
        "\n# FROM against the majority\n#\nFROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz\n",
        &[("ConsistentInstructionCasing", 4)],
    ),
    case(
        "ConsistentInstructionCasing 7: all lower case",
        "\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n",
        &[],
    ),
    case(
        "ConsistentInstructionCasing 8: all upper case",
        "\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n",
        &[],
    ),
    case(
        "ConsistentInstructionCasing 9: a heredoc's body is not an instruction",
        "\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n",
        &[],
    ),
    // testDuplicateStageName
    case(
        "DuplicateStageName 1",
        "\nFROM scratch AS b\nFROM scratch AS b\n",
        &[("DuplicateStageName", 3)],
    ),
    case("DuplicateStageName 2", "\nFROM scratch AS b1\nFROM scratch AS b2\n", &[]),
    // testReservedStageName
    case(
        "ReservedStageName 1",
        "\nFROM scratch AS scratch\nFROM scratch AS context\n",
        &[("ReservedStageName", 2), ("ReservedStageName", 3)],
    ),
    case("ReservedStageName 2", "\nFROM scratch\nFROM scratch AS a\n", &[]),
    // testJSONArgsRecommended
    case(
        "JSONArgsRecommended 1: CMD",
        "\nFROM scratch\nCMD mycommand\n",
        &[("JSONArgsRecommended", 3)],
    ),
    case(
        "JSONArgsRecommended 2: ENTRYPOINT",
        "\nFROM scratch\nENTRYPOINT mycommand\n",
        &[("JSONArgsRecommended", 3)],
    ),
    case(
        "JSONArgsRecommended 3: CMD under SHELL",
        "\nFROM scratch\nSHELL [\"/usr/bin/customshell\"]\nCMD mycommand\n",
        &[],
    ),
    case(
        "JSONArgsRecommended 4: ENTRYPOINT under SHELL",
        "\nFROM scratch\nSHELL [\"/usr/bin/customshell\"]\nENTRYPOINT mycommand\n",
        &[],
    ),
    case(
        "JSONArgsRecommended 5: CMD under a parent stage's SHELL",
        "\nFROM scratch AS base\nSHELL [\"/usr/bin/customshell\"]\n\nFROM base\nCMD mycommand\n",
        &[],
    ),
    case(
        "JSONArgsRecommended 6: ENTRYPOINT under a parent stage's SHELL",
        "\nFROM scratch AS base\nSHELL [\"/usr/bin/customshell\"]\n\nFROM base\nENTRYPOINT mycommand\n",
        &[],
    ),
    // testMaintainerDeprecated
    case(
        "MaintainerDeprecated 1",
        "\nFROM scratch\nMAINTAINER me@example.org\n",
        &[("MaintainerDeprecated", 3)],
    ),
    case(
        "MaintainerDeprecated 2: the label instead",
        "\nFROM scratch\nLABEL org.opencontainers.image.authors=\"me@example.org\"\n",
        &[],
    ),
    case(
        "MaintainerDeprecated 3: a comment skips JSONArgsRecommended on CMD",
        "\nFROM scratch\n# check=skip=JSONArgsRecommended\nCMD mycommand\n",
        &[],
    ),
    case(
        "MaintainerDeprecated 4: a comment skips JSONArgsRecommended on ENTRYPOINT",
        "\nFROM scratch\n# check=skip=JSONArgsRecommended\nENTRYPOINT mycommand\n",
        &[],
    ),
    case(
        "MaintainerDeprecated 5: a comment skips it",
        "\nFROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER me@example.org\n",
        &[],
    ),
    // testWarningsBeforeError
    case(
        "WarningsBeforeError: checks still report around an unknown instruction",
        "\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n",
        &[("MaintainerDeprecated", 3), ("StageNameCasing", 2)],
    ),
    // testUndeclaredArg
    case(
        "UndeclaredArg 1",
        "\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "UndeclaredArg 2: BUILDPLATFORM declared",
        "\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "UndeclaredArg 3: BUILDPLATFORM predefined",
        "\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "UndeclaredArg 4: declared without a value",
        "\nARG DEBUG\nFROM scratch${DEBUG}\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "UndeclaredArg 5: with a default",
        "\nARG DEBUG\nFROM scra${DEBUG:-tch}\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "UndeclaredArg 6: with an alternative",
        "\nARG DEBUG=\"\"\nFROM scratch${DEBUG-@bogus}\nCOPY Dockerfile .\n",
        &[],
    ),
    case(
        "UndeclaredArg 7: a misspelt predefined argument",
        "\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n",
        &[("UndefinedArgInFrom", 2)],
    ),
    case(
        "UndeclaredArg 8: a misspelt argument in the platform",
        "\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\nCOPY Dockerfile .\n\t",
        &[("UndefinedArgInFrom", 4)],
    ),
    case(
        "UndeclaredArg 9: one of two arguments undeclared",
        "\nARG tag=latest\nFROM busybox:${tag}${version} AS b\nCOPY Dockerfile .\n",
        &[("UndefinedArgInFrom", 3)],
    ),
    // testWorkdirRelativePath
    case(
        "WorkdirRelativePath 1",
        "\nFROM scratch\nWORKDIR app/\n",
        &[("WorkdirRelativePath", 3)],
    ),
    case(
        "WorkdirRelativePath 2: after an absolute WORKDIR in the parent stage",
        "\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n",
        &[],
    ),
    case(
        "WorkdirRelativePath 3: a comment skips it",
        "\nFROM scratch\n# check=skip=WorkdirRelativePath\nWORKDIR app/\n",
        &[],
    ),
    // testUnmatchedVars
    case(
        "UnmatchedVars 1: an ARG",
        "\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n",
        &[],
    ),
    case(
        "UnmatchedVars 2: an ARG of the parent stage",
        "\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n",
        &[],
    ),
    case("UnmatchedVars 3: RUN is not checked", "\nFROM alpine\nRUN echo $PATH\n", &[]),
    case(
        "UnmatchedVars 4: used before its ARG",
        "\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n",
        &[("UndefinedVar", 3)],
    ),
    case(
        "UnmatchedVars 5: a misspelt ARG",
        "\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t",
        &[("UndefinedVar", 6)],
    ),
    case(
        "UnmatchedVars 6: a misspelt PATH",
        "\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t",
        &[("UndefinedVar", 3)],
    ),
    // testMultipleInstructionsDisallowed
    case(
        "MultipleInstructionsDisallowed 1: the earlier of each pair",
        "\nFROM scratch\nENTRYPOINT [\"/myapp\"]\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myapp\"]\nCMD [\"/myotherapp\"]\n\
         HEALTHCHECK CMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n",
        &[
            ("MultipleInstructionsDisallowed", 3),
            ("MultipleInstructionsDisallowed", 5),
            ("MultipleInstructionsDisallowed", 7),
        ],
    ),
    case(
        "MultipleInstructionsDisallowed 2: other instructions between",
        "\nFROM scratch\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\nCOPY <<EOF /a.txt\n\
         Hello, World!\nEOF\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n",
        &[
            ("MultipleInstructionsDisallowed", 3),
            ("MultipleInstructionsDisallowed", 4),
            ("MultipleInstructionsDisallowed", 5),
        ],
    ),
    case(
        "MultipleInstructionsDisallowed 3: one of each per stage",
        "\nFROM scratch AS a\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\n\nFROM a AS b\n\
         ENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n",
        &[],
    ),
    // testLegacyKeyValueFormat
    case(
        "LegacyKeyValueFormat 1",
        "\nFROM scratch\nENV testkey value\nLABEL key value\n",
        &[("LegacyKeyValueFormat", 3), ("LegacyKeyValueFormat", 4)],
    ),
    case(
        "LegacyKeyValueFormat 2",
        "\nFROM scratch\nENV testkey=value\nLABEL key=value\n",
        &[],
    ),
    case(
        "LegacyKeyValueFormat 3: in a stage the default target does not reach",
        "\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n",
        &[("LegacyKeyValueFormat", 5), ("LegacyKeyValueFormat", 6)],
    ),
    case(
        "LegacyKeyValueFormat 4: comments skip it",
        "\nFROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n# check=skip=LegacyKeyValueFormat\nLABEL key value\n",
        &[],
    ),
    // testRedundantTargetPlatform
    case(
        "RedundantTargetPlatform 1",
        "\nFROM --platform=$TARGETPLATFORM scratch\n",
        &[("RedundantTargetPlatform", 2)],
    ),
    case(
        "RedundantTargetPlatform 2: braces",
        "\nFROM --platform=${TARGETPLATFORM} scratch\n",
        &[("RedundantTargetPlatform", 2)],
    ),
    case(
        "RedundantTargetPlatform 3: skipped by the directive",
        "\n# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n",
        &[],
    ),
    // testInvalidDefaultArgInFrom (BuildKit passes build arguments so that
    // the build succeeds; the check reads the defaults alone)
    case(
        "InvalidDefaultArgInFrom 1: no default for the tag",
        "\nARG VERSION\nFROM busybox:$VERSION\n",
        &[("InvalidDefaultArgInFrom", 3)],
    ),
    case(
        "InvalidDefaultArgInFrom 2: no default for the image",
        "\nARG IMAGE\nFROM $IMAGE\n",
        &[("InvalidDefaultArgInFrom", 3)],
    ),
    case(
        "InvalidDefaultArgInFrom 3: a default that ends in a colon",
        "\nARG SFX=\"box:\"\nFROM busy${SFX}\n",
        &[("InvalidDefaultArgInFrom", 3)],
    ),
    case(
        "InvalidDefaultArgInFrom 4: a valid default",
        "\nARG VERSION=\"latest\"\nFROM busybox:${VERSION}\n",
        &[],
    ),
    case(
        "InvalidDefaultArgInFrom 5: an empty default after a tag",
        "\nARG BUSYBOX_VARIANT=\"\"\nFROM busybox:stable${BUSYBOX_VARIANT}\n",
        &[],
    ),
    case(
        "InvalidDefaultArgInFrom 6: no default after a tag",
        "\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t",
        &[],
    ),
    // testFromPlatformFlagConstDisallowed
    case(
        "FromPlatformFlagConstDisallowed 1",
        "\nFROM --platform=linux/amd64 scratch\n",
        &[("FromPlatformFlagConstDisallowed", 2)],
    ),
    case(
        "FromPlatformFlagConstDisallowed 2: the stage is named for the architecture",
        "\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n",
        &[],
    ),
    case(
        "FromPlatformFlagConstDisallowed 3: the stage is named for the OS",
        "\nFROM --platform=linux/amd64 scratch AS linux\n",
        &[],
    ),
    // testExposeProtoCasing
    case(
        "ExposeProtoCasing: one finding per port",
        "\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n",
        &[("ExposeProtoCasing", 3), ("ExposeProtoCasing", 3)],
    ),
    // testExposeInvalidFormat
    case(
        "ExposeInvalidFormat: one finding per port",
        "\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n",
        &[
            ("ExposeInvalidFormat", 3),
            ("ExposeInvalidFormat", 3),
            ("ExposeInvalidFormat", 3),
        ],
    ),
];

#[test]
fn buildkit_check_cases_give_the_same_checks_on_the_same_lines() {
    let mut failures = Vec::new();
    for case in CASES {
        let mut expect: Vec<(String, u32)> = case.expect.iter().map(|(n, l)| (n.to_string(), *l)).collect();
        expect.sort();
        let (found, all_errors) = reported(case);
        if found != expect {
            failures.push(format!("{}:\n  expected {expect:?}\n  found    {found:?}", case.from));
        } else if case.errors && !all_errors {
            failures.push(format!("{}: error=true, but not every finding is an error", case.from));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn the_cases_are_counted() {
    // 88 cases in BuildKit's test (InvalidBaseImagePlatform's Unix and
    // Windows variants are one case), 3 left out (see the top of the file)
    assert_eq!(CASES.len(), 85);
}

#[test]
fn every_buildkit_check_but_one_has_a_rule() {
    for name in BUILDKIT_CHECKS {
        let rules: Vec<_> = dockwise_rules::rules::all().filter(|r| r.is(name)).collect();
        if *name == "InvalidBaseImagePlatform" {
            assert!(rules.is_empty());
        } else {
            assert!(!rules.is_empty(), "{name} has no rule");
        }
    }
}

/// The findings on `src` under `options`: (rule id, line, severity).
fn findings_with(src: &str, options: LintOptions) -> Vec<(&'static str, u32, Severity)> {
    let options = LintOptions {
        kind: Some(FileKind::Dockerfile),
        ..options
    };
    let result = lint(src, &options);
    result
        .findings
        .iter()
        .map(|f| (f.rule.id, result.position(src, f.span.start).line, f.severity))
        .collect()
}

/// The lines a rule's findings are on.
fn lines_of(src: &str, id: &str) -> Vec<u32> {
    findings_with(src, LintOptions::default())
        .into_iter()
        .filter(|(r, _, _)| *r == id)
        .map(|(_, line, _)| line)
        .collect()
}

const MIXED_CASE: &str = "FROM alpine:3.20 AS Build\nFROM alpine:latest AS Test\n";

#[test]
fn buildkit_names_work_wherever_an_id_does() {
    // --ignore, the config's `ignored`
    let ignored = LintOptions {
        ignored: vec!["StageNameCasing".into()],
        ..Default::default()
    };
    assert!(!findings_with(MIXED_CASE, ignored).iter().any(|f| f.0 == "DW1006"));
    // ignore pragmas, in any case
    let src = "FROM alpine:3.20 AS Build\n# hadolint ignore=stagenamecasing\nFROM alpine:3.20 AS Test\n";
    assert_eq!(lines_of(src, "DW1006"), [1]);
    // --enable, for the check that is off by default
    let enabled = LintOptions {
        enabled: vec!["InvalidDefinitionDescription".into()],
        ..Default::default()
    };
    assert!(findings_with("# a note\nARG V=1\nFROM alpine:3.20\n", enabled)
        .iter()
        .any(|f| f.0 == "DW1041"));
}

#[test]
fn the_file_directive_skips_buildkit_checks() {
    assert_eq!(lines_of(MIXED_CASE, "DW1006"), [1, 2]);
    let skip = format!("# check=skip=StageNameCasing\n{MIXED_CASE}");
    assert!(lines_of(&skip, "DW1006").is_empty());
    // a note may follow the value after a space; only the first word counts
    let noted = format!("# check=skip=StageNameCasing,DL3007 the names are fine\n{MIXED_CASE}");
    assert!(lines_of(&noted, "DW1006").is_empty() && lines_of(&noted, "DL3007").is_empty());
    let spaced = format!("# check=skip=DL3007, StageNameCasing\n{MIXED_CASE}");
    assert_eq!(lines_of(&spaced, "DW1006"), [2, 3]);
    // skip=all: BuildKit's checks only, not Dockwise's others (DL3007 here)
    let all = format!("# check=skip=all\n{MIXED_CASE}");
    assert!(lines_of(&all, "DW1006").is_empty());
    assert_eq!(lines_of(&all, "DL3007"), [3]);
    // among the other parser directives, after a `#!` line
    for top in [
        "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\n",
        "#!/usr/bin/env -S docker build -f\n# check=skip=all\n",
        "#check = skip=all\n",
    ] {
        assert!(lines_of(&format!("{top}{MIXED_CASE}"), "DW1006").is_empty(), "{top}");
    }
    // not at the top: after a blank line or another comment it is a comment
    // above the first instruction, which it alone concerns
    for top in ["\n# check=skip=all\n", "# a title\n# check=skip=all\n"] {
        let src = format!("{top}{MIXED_CASE}");
        let first = top.lines().count() as u32 + 1;
        assert_eq!(lines_of(&src, "DW1006"), [first + 1], "{top}");
    }
    // honoured unless pragmas are off
    let off = LintOptions {
        disable_pragmas: true,
        ..Default::default()
    };
    assert!(findings_with(&all, off).iter().any(|f| f.0 == "DW1006"));
}

#[test]
fn error_true_makes_buildkit_findings_errors() {
    let src = format!("# check=error=true\n{MIXED_CASE}");
    let found = findings_with(&src, LintOptions::default());
    let severity = |id: &str| found.iter().find(|f| f.0 == id).map(|f| f.2);
    assert_eq!(severity("DW1006"), Some(Severity::Error));
    // DL3007 is no BuildKit check: its severity stays
    assert_eq!(severity("DL3007"), Some(Severity::Warning));
    // `error=` above an instruction does nothing, as in BuildKit
    let above = "FROM alpine:3.20\n# check=error=true\nFROM alpine:3.20 AS Test\n";
    let found = findings_with(above, LintOptions::default());
    assert_eq!(
        found.iter().find(|f| f.0 == "DW1006").map(|f| f.2),
        Some(Severity::Style)
    );
}

#[test]
fn a_comment_above_an_instruction_skips_for_that_instruction() {
    let src = "FROM alpine:3.20\n# check=skip=JSONArgsRecommended\nCMD one\nFROM alpine:3.20\nCMD two\n";
    assert_eq!(lines_of(src, "DW1038"), [5]);
    // among other comments, with a note after it
    let src = "FROM alpine:3.20\n# start it\n# check=skip=all // shell form on purpose\nCMD one\n";
    assert!(lines_of(src, "DW1038").is_empty());
    // DL3025 (hadolint's rule, no BuildKit check) is not skipped by `all`
    assert_eq!(lines_of(src, "DL3025"), [4]);
    // a line holding only `#` separates the comment from the instruction
    let src = "FROM alpine:3.20\n# check=skip=all\n#\nCMD one\n";
    assert_eq!(lines_of(src, "DW1038"), [4]);
    // a finding that is not on that instruction stays
    let src = "FROM alpine:3.20\nWORKDIR app\n# check=skip=WorkdirRelativePath\nCMD [\"x\"]\n";
    assert_eq!(lines_of(src, "DW1036"), [2]);
}

#[test]
fn experimental_checks_are_switched_on_not_skipped() {
    let src = "# a note\nARG V=1\n# another\nARG W=2\nFROM alpine:3.20\n";
    assert!(lines_of(src, "DW1041").is_empty(), "off by default");
    let on = format!("# check=experimental=InvalidDefinitionDescription\n{src}");
    assert_eq!(lines_of(&on, "DW1041"), [3, 5]);
    let all = format!("# check=skip=all;experimental=all\n{src}");
    assert_eq!(lines_of(&all, "DW1041"), [3, 5], "skip=all does not reach it");
    // above one instruction: that instruction only
    let one = "# check=experimental=InvalidDefinitionDescription\nARG V=1\n# a note\nARG W=2\nFROM alpine:3.20\n";
    assert_eq!(lines_of(&format!("\n{one}"), "DW1041"), [3]);
    // `--ignore` and a run limited to other rules win over the file
    let ignored = LintOptions {
        ignored: vec!["DW1041".into()],
        ..Default::default()
    };
    assert!(!findings_with(&on, ignored).iter().any(|f| f.0 == "DW1041"));
    let only = LintOptions {
        only: Some(vec!["DW1006".into()]),
        ..Default::default()
    };
    assert!(!findings_with(&on, only).iter().any(|f| f.0 == "DW1041"));
}

#[test]
fn an_unreadable_directive_is_a_syntax_error() {
    // BuildKit refuses to build: "failed to parse check options"
    let found = findings_with("# check=skip\nFROM alpine:3.20\n", LintOptions::default());
    assert!(found.iter().any(|f| f.0 == "DL1000" && f.1 == 1), "{found:?}");
    let found = findings_with("# check=error=maybe\nFROM alpine:3.20\n", LintOptions::default());
    assert!(found.iter().any(|f| f.0 == "DL1000"), "{found:?}");
}

#[test]
fn the_readme_table_names_each_check_and_its_rule() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme
        .split("### BuildKit checks")
        .nth(1)
        .expect("a BuildKit checks section");
    let mut listed = Vec::new();
    for row in section.lines().take_while(|l| !l.starts_with("### ")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        if cells.len() < 4 || !BUILDKIT_CHECKS.contains(&cells[1]) {
            continue;
        }
        let (check, id) = (cells[1], cells[2]);
        let rules: Vec<&str> = dockwise_rules::rules::all()
            .filter(|r| r.is(check))
            .map(|r| r.id)
            .collect();
        if id == "none" {
            assert!(rules.is_empty(), "{check}: {rules:?}");
        } else {
            assert_eq!(rules, [id], "{check}");
        }
        listed.push(check);
    }
    assert_eq!(listed, BUILDKIT_CHECKS);
}
