//! What is written at a meeting: the protocol (minnesanteckningar) with its fixed fields
//! and every participant's personal action plan, with the rules that keep typed text
//! safe: a plan's first answer starts from the previous plan's focus, and two writers
//! at once are merged field by field (what only one of them changed is kept; a field
//! both changed differently is a conflict shown to the writer, never overwritten).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The protocol's fields, in order, with their Swedish headings (exactly as the model
/// has them) and English ones.
pub const PROTOCOL_FIELDS: [(&str, &str, &str); 9] = [
    ("question", "Frågeställning", "Question"),
    ("date", "Datum", "Date"),
    (
        "purpose",
        "Syftet med träffen var …",
        "The purpose of the meeting was …",
    ),
    ("discussed", "Vi pratade om …", "We talked about …"),
    (
        "reflections",
        "Reflektioner under träffen …",
        "Reflections during the meeting …",
    ),
    (
        "conclusions",
        "Slutsatser/lärdomar …",
        "Conclusions/lessons …",
    ),
    (
        "next_time",
        "Inför nästa träff tänker vi …",
        "For the next meeting we plan …",
    ),
    (
        "difficulties",
        "Svårigheter i lärprocessen …",
        "Difficulties in the learning process …",
    ),
    ("participants", "Deltagare", "Participants"),
];

/// The personal action plan's questions, in order: looking back, then forward.
pub const PLAN_FIELDS: [(&str, &str, &str); 8] = [
    (
        "tried",
        "Jag har sedan förra mötet provat att …",
        "Since the last meeting I have tried …",
    ),
    (
        "learned",
        "Av min insats har jag lärt mig att …",
        "From my effort I have learned that …",
    ),
    (
        "focus",
        "Ange en insats som du ska fokusera på till nästa möte",
        "One effort to focus on until the next meeting",
    ),
    (
        "expected_change",
        "Vilken förändring tänker du dig att detta ska ge?",
        "What change do you expect it to bring?",
    ),
    (
        "students",
        "Vilken/vilka elev(er) ska du göra detta med?",
        "With which student(s) will you do it?",
    ),
    (
        "problems",
        "Vilka problem kan tänkas uppkomma och hur kan de lösas?",
        "What problems may arise and how can they be solved?",
    ),
    ("helpers", "Vem kan hjälpa dig?", "Who can help you?"),
    (
        "do_less",
        "Vad ska du göra mindre av?",
        "What will you do less of?",
    ),
];

/// The two parts of the personal action plan: what was tried since the last meeting and
/// what came of it, written before the meeting; and the effort until the next one,
/// written after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPart {
    LookingBack,
    LookingForward,
}

/// How many of the plan's questions, from the first, look back.
const PLAN_LOOKING_BACK: usize = 2;

/// The plan's questions of `part`, in order.
pub fn plan_fields(part: PlanPart) -> &'static [(&'static str, &'static str, &'static str)] {
    let (back, forward) = PLAN_FIELDS.split_at(PLAN_LOOKING_BACK);
    match part {
        PlanPart::LookingBack => back,
        PlanPart::LookingForward => forward,
    }
}

/// The plan's parts in the order the writer needs them: before the meeting it is held,
/// looking back comes first; once held, looking forward.
pub fn plan_parts(held: bool) -> [PlanPart; 2] {
    if held {
        [PlanPart::LookingForward, PlanPart::LookingBack]
    } else {
        [PlanPart::LookingBack, PlanPart::LookingForward]
    }
}

/// How many of `specs`' questions `fields` answers (with more than blanks), of how many.
pub fn answered(
    specs: &[(&'static str, &'static str, &'static str)],
    fields: &Fields,
) -> (usize, usize) {
    let done = specs
        .iter()
        .filter(|(key, _, _)| !value(fields, key).trim().is_empty())
        .count();
    (done, specs.len())
}

/// The heading of field `key` of `fields` in `lang`.
pub fn heading(
    fields: &[(&'static str, &'static str, &'static str)],
    key: &str,
    lang: Lang,
) -> &'static str {
    fields
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, sv, en)| if lang == Lang::Sv { *sv } else { *en })
        .unwrap_or("")
}

/// One field's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldText {
    pub key: String,
    pub text: String,
}

impl FieldText {
    pub fn new(key: &str, text: &str) -> FieldText {
        FieldText {
            key: key.to_owned(),
            text: text.to_owned(),
        }
    }
}

/// Text fields by key, in the order of their form.
pub type Fields = Vec<FieldText>;

/// The value of `key` in `fields`, empty when missing.
pub fn value<'a>(fields: &'a Fields, key: &str) -> &'a str {
    fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.text.as_str())
        .unwrap_or("")
}

/// A new plan's fields: every question empty, except "what I tried", which starts from
/// the focus of the writer's previous plan (the red thread).
pub fn new_plan(previous: Option<&Fields>) -> Fields {
    PLAN_FIELDS
        .iter()
        .map(|(key, _, _)| {
            let start = match (*key, previous) {
                ("tried", Some(prev)) => value(prev, "focus").trim(),
                _ => "",
            };
            FieldText::new(key, start)
        })
        .collect()
}

/// The outcome of merging two writers' versions of the same record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Merge {
    /// Every field: the merged value (for a conflict, the other writer's, as stored).
    pub fields: Fields,
    /// Fields both changed differently, with what this writer had typed.
    pub conflicts: Fields,
}

/// Merges `mine` (based on `base`) into `theirs` (what is stored now), field by field.
pub fn merge(base: &Fields, mine: &Fields, theirs: &Fields) -> Merge {
    let mut keys: Vec<&str> = Vec::new();
    for f in theirs.iter().chain(mine).chain(base) {
        if !keys.contains(&f.key.as_str()) {
            keys.push(&f.key);
        }
    }
    let mut fields = Vec::new();
    let mut conflicts = Vec::new();
    for key in keys {
        let (b, m, t) = (value(base, key), value(mine, key), value(theirs, key));
        let merged = if m == b || m == t {
            t
        } else if t == b {
            m
        } else {
            conflicts.push(FieldText::new(key, m));
            t
        };
        fields.push(FieldText::new(key, merged));
    }
    Merge { fields, conflicts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| FieldText::new(k, v)).collect()
    }

    #[test]
    fn the_plan_looks_back_before_the_meeting_and_forward_after_it() {
        let keys = |part| {
            plan_fields(part)
                .iter()
                .map(|(k, _, _)| *k)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(PlanPart::LookingBack), ["tried", "learned"]);
        assert_eq!(
            keys(PlanPart::LookingForward),
            [
                "focus",
                "expected_change",
                "students",
                "problems",
                "helpers",
                "do_less"
            ]
        );
        // Together they are the whole plan, each question once.
        let mut all = keys(PlanPart::LookingBack);
        all.extend(keys(PlanPart::LookingForward));
        assert_eq!(
            all,
            PLAN_FIELDS.iter().map(|(k, _, _)| *k).collect::<Vec<_>>()
        );
        assert_eq!(plan_parts(false)[0], PlanPart::LookingBack);
        assert_eq!(plan_parts(true)[0], PlanPart::LookingForward);
        assert_ne!(plan_parts(true)[1], plan_parts(true)[0]);
    }

    #[test]
    fn answered_counts_questions_with_text() {
        let fields = f(&[
            ("tried", "exit tickets"),
            ("learned", "  \n"),
            ("focus", "x"),
        ]);
        assert_eq!(
            answered(plan_fields(PlanPart::LookingBack), &fields),
            (1, 2)
        );
        assert_eq!(
            answered(plan_fields(PlanPart::LookingForward), &fields),
            (1, 6)
        );
        assert_eq!(
            answered(plan_fields(PlanPart::LookingForward), &Vec::new()),
            (0, 6)
        );
    }

    #[test]
    fn the_fields_are_those_of_the_model() {
        assert_eq!(PROTOCOL_FIELDS.len(), 9);
        assert_eq!(
            heading(&PROTOCOL_FIELDS, "purpose", Lang::Sv),
            "Syftet med träffen var …"
        );
        assert_eq!(
            heading(&PLAN_FIELDS, "do_less", Lang::Sv),
            "Vad ska du göra mindre av?"
        );
        assert_eq!(
            heading(&PLAN_FIELDS, "tried", Lang::En),
            "Since the last meeting I have tried …"
        );
    }

    #[test]
    fn a_new_plan_starts_from_the_previous_focus() {
        let previous = f(&[
            ("focus", " Exit tickets varje fredag "),
            ("tried", "gammalt"),
        ]);
        let plan = new_plan(Some(&previous));
        assert_eq!(value(&plan, "tried"), "Exit tickets varje fredag");
        assert_eq!(value(&plan, "focus"), "");
        assert_eq!(plan.len(), 8);
        assert!(new_plan(None).iter().all(|f| f.text.is_empty()));
    }

    #[test]
    fn what_only_one_writer_changed_is_kept() {
        let base = f(&[("purpose", "A"), ("discussed", "B"), ("conclusions", "")]);
        let mine = f(&[("purpose", "A2"), ("discussed", "B"), ("conclusions", "")]);
        let theirs = f(&[("purpose", "A"), ("discussed", "B"), ("conclusions", "C")]);
        let m = merge(&base, &mine, &theirs);
        assert!(m.conflicts.is_empty());
        assert_eq!(
            m.fields,
            f(&[("purpose", "A2"), ("discussed", "B"), ("conclusions", "C")])
        );
    }

    #[test]
    fn a_field_both_changed_differently_is_a_conflict_and_nothing_is_lost() {
        let base = f(&[("purpose", "A")]);
        let mine = f(&[("purpose", "mitt")]);
        let theirs = f(&[("purpose", "deras")]);
        let m = merge(&base, &mine, &theirs);
        assert_eq!(m.conflicts, vec![FieldText::new("purpose", "mitt")]);
        assert_eq!(value(&m.fields, "purpose"), "deras");
        // The same change on both sides is no conflict.
        let same = merge(&base, &theirs, &theirs);
        assert!(same.conflicts.is_empty());
    }
}
