//! The results JSON through serde, for `--pretty` and as the hand-written writer's oracle.
//! Results borrow their rule and assessment, so the fields are written here, in the order
//! and with the omissions of SPEC "Results JSON" (the same as the compact writer's).

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::check::{Results, RuleResult};

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.assessment;
        let mut s = serializer.serialize_struct("Results", 9)?;
        s.serialize_field("acquis", self.acquis)?;
        s.serialize_field("file", &a.file)?;
        s.serialize_field("jurisdiction", &a.jurisdiction)?;
        s.serialize_field("period", &a.period)?;
        s.serialize_field("prepared_by", &a.prepared_by)?;
        s.serialize_field("date", &a.date)?;
        s.serialize_field("ruleset", &self.ruleset)?;
        s.serialize_field("summary", &self.summary)?;
        s.serialize_field("results", &self.results)?;
        s.end()
    }
}

impl Serialize for RuleResult<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RuleResult", 14)?;
        s.serialize_field("rule", self.id())?;
        s.serialize_field("title", self.title())?;
        s.serialize_field("status", &self.status)?;
        if let Some(raw) = &self.raw_status {
            s.serialize_field("raw_status", raw)?;
        }
        s.serialize_field("severity", &self.severity())?;
        s.serialize_field("instrument", self.instrument_id())?;
        s.serialize_field("force", &self.force())?;
        s.serialize_field("area", self.area())?;
        s.serialize_field("missing", &self.missing)?;
        s.serialize_field("inputs", &Inputs(self))?;
        s.serialize_field("message", &self.message)?;
        if let Some(w) = self.waiver {
            s.serialize_field("waiver", w)?;
        }
        if let Some(rec) = &self.recommendation {
            s.serialize_field("recommendation", rec)?;
        }
        if let Some(grade) = &self.grade {
            s.serialize_field("grade", grade)?;
        }
        s.end()
    }
}

/// The answers a rule read, as a JSON object by question id.
struct Inputs<'r, 'a>(&'r RuleResult<'a>);

impl Serialize for Inputs<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (question, value) in self.0.inputs() {
            map.serialize_entry(question, value)?;
        }
        map.end()
    }
}
