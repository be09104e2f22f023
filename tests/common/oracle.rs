//! Rhai's own evaluator, kept as the test oracle for acquis's condition engine: the same
//! condition text, run by Rhai over the same complete answers, must give the same truth.
#![allow(dead_code)]

use std::collections::BTreeMap;

use acquis::model::{AnswerValue, Jurisdiction, Questionnaire};
use rhai::{Dynamic, Engine, Map, Scope};

pub struct Oracle {
    engine: Engine,
}

impl Default for Oracle {
    fn default() -> Self {
        Oracle::new()
    }
}

impl Oracle {
    /// Rhai as acquis ran it before it had its own evaluator: strict variables, failing on
    /// a missing map property, `contains_all`/`contains_any` registered.
    pub fn new() -> Oracle {
        let mut engine = Engine::new();
        engine
            .set_max_operations(100_000)
            .set_strict_variables(true)
            .set_fail_on_invalid_map_property(true);
        fn chosen(set: &rhai::Array, value: &Dynamic) -> bool {
            let wanted = value.clone().into_immutable_string().ok();
            set.iter()
                .any(|v| v.clone().into_immutable_string().ok() == wanted)
        }
        engine.register_fn("contains_all", |set: rhai::Array, wanted: rhai::Array| {
            wanted.iter().all(|w| chosen(&set, w))
        });
        engine.register_fn("contains_any", |set: rhai::Array, wanted: rhai::Array| {
            wanted.iter().any(|w| chosen(&set, w))
        });
        Oracle { engine }
    }

    pub fn compile(&self, source: &str) -> rhai::AST {
        let mut scope = Scope::new();
        scope.push("a", Map::new());
        scope.push("j", Map::new());
        self.engine
            .compile_expression_with_scope(&scope, source)
            .expect("the condition parses")
    }

    /// The truth Rhai gives: `Ok(bool)`, or `Err` when it fails or gives something else.
    pub fn truth(
        &self,
        source: &str,
        answers: &BTreeMap<String, AnswerValue>,
        questionnaire: &Questionnaire,
        jurisdiction: &Jurisdiction,
    ) -> Result<bool, String> {
        self.truth_of(&self.compile(source), answers, questionnaire, jurisdiction)
    }

    pub fn truth_of(
        &self,
        ast: &rhai::AST,
        answers: &BTreeMap<String, AnswerValue>,
        questionnaire: &Questionnaire,
        jurisdiction: &Jurisdiction,
    ) -> Result<bool, String> {
        let mut a = Map::new();
        for section in &questionnaire.sections {
            let mut values = Map::new();
            for id in &section.questions {
                if let Some(v) = answers.get(id) {
                    let key = &id[section.name.len() + 1..];
                    values.insert(key.into(), dynamic(v));
                }
            }
            a.insert(section.name.as_str().into(), values.into());
        }
        let strings = |items: &[String]| -> Dynamic {
            items
                .iter()
                .map(|s| Dynamic::from(s.clone()))
                .collect::<Vec<_>>()
                .into()
        };
        let mut j = Map::new();
        j.insert("code".into(), jurisdiction.code.clone().into());
        j.insert("name".into(), jurisdiction.name.clone().into());
        j.insert("fictional".into(), jurisdiction.fictional.into());
        j.insert("memberships".into(), strings(&jurisdiction.memberships));
        j.insert("instruments".into(), strings(&jurisdiction.instruments));
        let mut scope = Scope::new();
        scope.push_constant("a", a);
        scope.push_constant("j", j);
        match self.engine.eval_ast_with_scope::<Dynamic>(&mut scope, ast) {
            Ok(v) => v.as_bool().map_err(|t| format!("gave {t}")),
            Err(e) => Err(e.to_string()),
        }
    }
}

fn dynamic(value: &AnswerValue) -> Dynamic {
    match value {
        AnswerValue::Bool(b) => (*b).into(),
        AnswerValue::Int(i) => (*i).into(),
        AnswerValue::Text(s) => s.clone().into(),
        AnswerValue::Set(items) => items
            .iter()
            .map(|s| Dynamic::from(s.clone()))
            .collect::<Vec<_>>()
            .into(),
    }
}
