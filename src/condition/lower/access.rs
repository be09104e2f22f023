//! Lowering the values a condition reads: lists, answers (`a.section.question`), jurisdiction
//! fields (`j.field`) and method chains.

use super::*;

impl Lowerer<'_> {
    pub(super) fn list(&mut self, words: Vec<String>, pos: Position) -> Option<Typed> {
        if words.len() > limits::MAX_LIST_ITEMS {
            self.error(
                pos,
                format!(
                    "a list in a condition holds at most {} words",
                    limits::MAX_LIST_ITEMS
                ),
                None,
            );
            return None;
        }
        let name = format!(
            "the list [{}]",
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Some(Typed {
            node: Node::List(words.into()),
            ty: Ty::List,
            pos,
            name,
        })
    }

    /// `lhs.rhs…`: an answer, a jurisdiction field, or method calls on a value.
    pub(super) fn chain(&mut self, lhs: &Expr, rhs: &Expr, pos: Position) -> Option<Typed> {
        // Rhai nests `x.p.q.m()` as Dot(x, Dot(p, Dot(q, m()))): flatten the right side.
        let mut steps: Vec<&Expr> = Vec::new();
        let mut rest = rhs;
        loop {
            match rest {
                Expr::Dot(bin, flags, p) => {
                    if flags.contains(ASTFlags::NEGATED) {
                        self.error(*p, "`?.` is not available in conditions: it would turn an unanswered question into a value", None);
                        return None;
                    }
                    steps.push(&bin.lhs);
                    rest = &bin.rhs;
                }
                Expr::Index(_, _, p) => {
                    self.error(
                        *p,
                        "indexing with `[…]` is not available in conditions",
                        Some("test membership with `\"value\" in a.section.question`".to_owned()),
                    );
                    return None;
                }
                other => {
                    steps.push(other);
                    break;
                }
            }
        }
        let var = match lhs {
            Expr::Variable(v, _, _) => Some(v.1.as_str()),
            _ => None,
        };
        let (mut value, mut steps) = match var {
            Some("a") => {
                let t = self.answer(lhs.position(), &steps)?;
                (t, &steps[2..])
            }
            Some("j") => {
                let t = self.jurisdiction_field(steps[0])?;
                (t, &steps[1..])
            }
            _ => (self.expr(lhs)?, &steps[..]),
        };
        while let Some((step, more)) = steps.split_first() {
            steps = more;
            match step {
                Expr::MethodCall(call, p) => {
                    if !call.namespace.is_empty() {
                        self.error(
                            *p,
                            "namespaced functions are not available in conditions",
                            None,
                        );
                        return None;
                    }
                    let mut args = vec![value];
                    for arg in call.args.iter() {
                        args.push(self.expr(arg)?);
                    }
                    value = self.function(&call.name, args, *p)?;
                }
                Expr::Property(prop, p) => {
                    let name = prop.2.as_str();
                    let help = if registry::find(name).is_some() {
                        Some(format!("call it: `.{name}()`"))
                    } else {
                        None
                    };
                    self.error(*p, format!("{} has no property `{name}`", value.name), help);
                    return None;
                }
                other => {
                    self.error(other.position(), "this cannot follow a dot", None);
                    return None;
                }
            }
        }
        let _ = pos;
        Some(value)
    }

    /// `a.section.question` from the steps after `a`.
    pub(super) fn answer(&mut self, a_pos: Position, steps: &[&Expr]) -> Option<Typed> {
        let (
            Some(Expr::Property(section, section_pos)),
            Some(Expr::Property(question, question_pos)),
        ) = (steps.first(), steps.get(1))
        else {
            self.error(
                a_pos,
                "answers must be read as `a.section.question`",
                Some(
                    "write the full path of one question, e.g. `a.ecris.entitled_voluntary`"
                        .to_owned(),
                ),
            );
            return None;
        };
        let (section, question) = (section.2.as_str(), question.2.as_str());
        let Some(sec) = self.questionnaire.section(section) else {
            let help = suggestion(
                section,
                self.questionnaire.sections.iter().map(|s| s.name.as_str()),
                "the sections",
            );
            self.error(
                *section_pos,
                format!("`a.{section}` is not a questionnaire section"),
                Some(help),
            );
            return None;
        };
        let id = format!("{section}.{question}");
        let Some(q) = self.questionnaire.questions.get(&id) else {
            let help = suggestion(
                question,
                sec.questions.iter().map(|q| &q[section.len() + 1..]),
                "the questions of this section",
            );
            self.error(
                *question_pos,
                format!("`a.{id}` is not a declared question"),
                Some(help),
            );
            return None;
        };
        let slot = self.layout.slot(&id).expect("every question has a slot");
        let name = format!("`a.{id}`");
        let (node, ty) = match &q.kind {
            QuestionType::Bool => (Node::BoolAnswer(slot), Ty::Bool),
            QuestionType::Int { .. } => (Node::IntAnswer(slot), Ty::Int),
            QuestionType::Date => (Node::IntAnswer(slot), Ty::Date),
            QuestionType::Enum { values } | QuestionType::Set { values }
                if values.len() > limits::MAX_LISTED_VALUES =>
            {
                self.error(
                    *question_pos,
                    format!(
                        "`a.{id}` has {} values; conditions can read questions with at most {}",
                        values.len(),
                        limits::MAX_LISTED_VALUES
                    ),
                    None,
                );
                return None;
            }
            QuestionType::Enum { .. } => (Node::EnumAnswer(slot), Ty::Enum(slot)),
            QuestionType::Set { .. } => (Node::SetAnswer(slot), Ty::Set(slot)),
            QuestionType::Text => {
                self.error(
                    *question_pos,
                    format!("`a.{id}` is a text question, and text answers never decide a rule"),
                    Some(
                        "ask a bool, enum, set, int or date question for what the rule decides"
                            .to_owned(),
                    ),
                );
                return None;
            }
        };
        if !self.reads.contains(&id) {
            self.reads.push(id);
        }
        Some(Typed {
            node,
            ty,
            pos: *question_pos,
            name,
        })
    }

    pub(super) fn jurisdiction_field(&mut self, step: &Expr) -> Option<Typed> {
        let Expr::Property(prop, pos) = step else {
            self.error(
                step.position(),
                "read one field of the jurisdiction, e.g. `j.instruments`",
                None,
            );
            return None;
        };
        let name = prop.2.as_str();
        let Some((_, field)) = JField::ALL.iter().find(|(n, _)| *n == name) else {
            let help = suggestion(
                name,
                JField::ALL.iter().map(|(n, _)| *n),
                "the fields of `j`",
            );
            self.error(*pos, format!("`j.{name}` does not exist"), Some(help));
            return None;
        };
        let ty = match field {
            JField::Code | JField::Name => Ty::Str,
            JField::Fictional => Ty::Bool,
            JField::Memberships | JField::Instruments => Ty::List,
        };
        Some(Typed {
            node: Node::J(*field),
            ty,
            pos: *pos,
            name: format!("`j.{name}`"),
        })
    }
}
