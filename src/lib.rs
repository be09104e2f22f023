//! acquis checks national self-assessments against obligations taken from EU
//! and Council of Europe texts on combating child sexual abuse, and writes gap
//! reports. See ARCHITECTURE.md for the data flow and SPEC.md for the contract.

pub mod assessment_yaml;
pub mod assets;
pub mod check;
pub mod cli;
pub mod condition;
pub mod coverage;
pub mod dates;
pub mod diagnostic;
pub mod engine;
pub mod i18n;
pub mod init;
pub mod lang;
pub mod limits;
pub mod load;
pub mod maintain;
pub mod model;
pub mod plural;
pub mod questionnaire;
pub mod report;
pub mod ruleset;
pub mod schema;
pub mod suggest;
pub mod synth;
pub mod verdict;
pub mod waivers;
pub mod workbook;
pub mod xlsform;
pub mod yaml;
