//! The maintainers' commands: `rules lint | test | list | show | coverage`, `schema`.

use std::path::Path;

use super::*;
use crate::maintain;
use crate::report;

pub(super) fn cmd_lint(source: &RuleSource, format: DiagnosticFormat) -> Outcome {
    // Every problem of every file in one pass: the rules that loaded are checked further even
    // when others did not load.
    let (rules, seeds) = rule_files(source)?;
    let (set, mut diagnostics) = crate::ruleset::load_partial(&rules, &seeds);
    diagnostics.extend(maintain::lint(&set));
    if set.coverage_file.is_some() {
        match crate::coverage::coverage(&set) {
            Ok(_) => diagnostics.extend(crate::coverage::dangling_references(&set)),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    diagnostics.sort_by(|a, b| (a.level, &a.file, a.pos).cmp(&(b.level, &b.file, b.pos)));
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let outcome = if errors > 0 {
        Err(Failure::ProblemsReported)
    } else {
        Ok(Exit::Ok)
    };
    if format == DiagnosticFormat::Sarif {
        // Every message, uncapped: a review tool filters them itself; stdout is the log only.
        output::stdout(&report::sarif::text(
            &diagnostics,
            report::sarif::Subject::RuleSet,
        ))?;
        return outcome;
    }
    print_diagnostics(&diagnostics);
    outln!(
        "{} rules, {} questions: {}",
        set.rules.len(),
        set.questionnaire.questions.len(),
        if diagnostics.is_empty() {
            "no problems".to_owned()
        } else {
            summary_line(&diagnostics)
        }
    )?;
    outcome
}

pub(super) fn cmd_test(source: &RuleSource) -> Outcome {
    let set = load_rule_set(source)?;
    let report = maintain::test_examples(&set);
    for f in &report.failures {
        outln!(
            "FAIL {} — example \"{}\" ({}:{}:{})\n  expected: {}\n  actual:   {}{}{}",
            f.rule,
            f.example,
            f.file,
            f.pos.line,
            f.pos.col,
            f.expected,
            f.actual.status,
            if f.actual.missing.is_empty() {
                String::new()
            } else {
                format!(" (missing: {})", f.actual.missing.join(", "))
            },
            f.actual
                .message
                .as_ref()
                .map(|m| format!(" — {m}"))
                .unwrap_or_default()
        )?;
        for line in &f.inputs {
            outln!("  input: {line}")?;
        }
    }
    outln!("{} passed, {} failed", report.passed, report.failures.len())?;
    Ok(if report.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::Threshold
    })
}

pub(super) fn cmd_list(
    source: &RuleSource,
    instrument: Option<&str>,
    area: Option<&str>,
    severity: Option<SeverityArg>,
    unverified: bool,
) -> Outcome {
    let set = load_rule_set(source)?;
    // A filter that names nothing is a typo, not "0 rules".
    if let Some(i) = instrument
        && set.instrument(i).is_none()
    {
        return Err(Failure::usage(
            format!("there is no instrument `{i}`"),
            crate::i18n::suggestion(
                i,
                set.instruments.iter().map(|s| s.id.as_str()),
                "the instruments",
            ),
        ));
    }
    if let Some(a) = area
        && !set.rules.iter().any(|r| r.rule.area == a)
    {
        let mut areas: Vec<&str> = set.rules.iter().map(|r| r.rule.area.as_str()).collect();
        areas.sort_unstable();
        areas.dedup();
        return Err(Failure::usage(
            format!("no rule is in the area `{a}`"),
            crate::i18n::suggestion(a, areas.iter().copied(), "the areas"),
        ));
    }
    let wanted = severity.map(|s| match s {
        SeverityArg::High => crate::model::Severity::High,
        SeverityArg::Medium => crate::model::Severity::Medium,
        SeverityArg::Low => crate::model::Severity::Low,
    });
    let rows: Vec<[String; 5]> = set
        .rules
        .iter()
        .map(|c| &c.rule)
        .filter(|r| instrument.is_none_or(|i| r.instrument == i))
        .filter(|r| area.is_none_or(|a| r.area == a))
        .filter(|r| wanted.is_none_or(|s| r.severity == s))
        .filter(|r| !unverified || r.verified.is_none())
        .map(|r| {
            let force = set
                .instrument(&r.instrument)
                .map_or("", |i| i.force.as_str());
            [
                r.id.clone(),
                r.instrument.clone(),
                r.area.clone(),
                r.severity.as_str().to_owned(),
                force.to_owned(),
            ]
        })
        .collect();
    let header = ["id", "instrument", "area", "severity", "force"].map(str::to_owned);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String; 5]| {
        r.iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = format!("{}\n", line(&header));
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out.push_str(&format!("{} rule{}\n", rows.len(), plural(rows.len())));
    emit(&out, None)?;
    Ok(Exit::Ok)
}

pub(super) fn cmd_show(source: &RuleSource, id: &str) -> Outcome {
    let set = load_rule_set(source)?;
    let compiled = find_rule(&set, id)?;
    emit(&report::rule_page(compiled, &set), None)?;
    Ok(Exit::Ok)
}

pub(super) fn cmd_coverage(source: &RuleSource, format: CoverageFormat) -> Outcome {
    let set = load_rule_set(source)?;
    let texts = crate::coverage::coverage(&set).map_err(|diagnostics| Failure::Inputs {
        diagnostics,
        not_done: NotDone::Unsaid,
    })?;
    let out = match format {
        CoverageFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&texts).expect("coverage serialises")
        ),
        CoverageFormat::Text => report::coverage_text(&texts),
        CoverageFormat::Md => report::coverage_markdown(&texts),
    };
    emit(&out, None)?;
    Ok(Exit::Ok)
}

pub(super) fn cmd_schema(kind: SchemaKind, output: Option<&Path>, source: &RuleSource) -> Outcome {
    refuse_output_over_input(output, &[], source)?;
    let set = load_rule_set(source)?;
    let schema = match kind {
        SchemaKind::Assessment => crate::schema::assessment(&set),
        SchemaKind::Rule => crate::schema::rule(&set),
    };
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&schema).expect("schema serialises")
    );
    emit(&text, output)?;
    Ok(Exit::Ok)
}
