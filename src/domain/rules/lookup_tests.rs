//! Tests of position lookup: tolerance, qualifiers, ambiguity, suggestions.

use super::*;

fn slug(input: &str) -> &'static str {
    find_position(input)
        .unwrap_or_else(|e| panic!("{input}: {e}"))
        .slug
}

#[test]
fn normalize_folds_case_yo_dashes_and_spacing() {
    assert_eq!(normalize("  Сторож(Вахтёр) "), "сторож (вахтер)");
    assert_eq!(
        normalize("Руководитель отдела – главный бухгалтер"),
        "руководитель отдела-главный бухгалтер"
    );
    assert_eq!(
        normalize("Руководитель отдела—главный\tбухгалтер"),
        "руководитель отдела-главный бухгалтер"
    );
    assert_eq!(normalize("Дворник ,уборщик"), "дворник, уборщик");
    assert_eq!(normalize("TMC_DIRECTOR"), "tmc director");
}

#[test]
fn slugs_and_names_resolve() {
    assert_eq!(slug("tmc_director"), "tmc_director");
    assert_eq!(
        slug("ДИРЕКТОР   центра трудовой мобильности"),
        "tmc_director"
    );
    assert_eq!(
        slug("Руководитель отдела - главный бухгалтер"),
        "tmc_head_of_department_chief_accountant"
    );
    assert_eq!(slug("Руководитель сектора"), "cc_head_of_sector");
    assert_eq!(slug("Аналитик рынка труда"), "tmc_labor_market_analyst");
    assert_eq!(slug("Мансап орталығының директоры"), "cc_director");
    assert_eq!(
        slug("Ассистент по социальной работе"),
        "cc_social_work_assistant"
    );
    assert_eq!(
        slug("Оператор котельной, машинист (кочегар) котельной, истопник"),
        "cc_boiler_operator"
    );
    assert_eq!(slug("истопник"), "cc_boiler_operator");
}

#[test]
fn every_position_resolves_by_slug_and_by_qualified_names() {
    for p in POSITIONS {
        assert_eq!(slug(p.slug), p.slug);
        assert_eq!(slug(&p.qualified_name_ru()), p.slug);
        assert_eq!(slug(&p.qualified_name_kk()), p.slug);
        assert_eq!(slug(&p.qualified_name_ru().to_uppercase()), p.slug);
    }
}

#[test]
fn shared_name_resolves_with_an_org_qualifier() {
    assert_eq!(
        slug("Специалист по содействию занятости (карьерный центр)"),
        "cc_employment_specialist"
    );
    assert_eq!(
        slug("Специалист по содействию занятости (ЦТМ)"),
        "tmc_employment_specialist"
    );
    assert_eq!(
        slug("специалист по содействию занятости(КЦ)"),
        "cc_employment_specialist"
    );
    assert_eq!(slug("Сторож (вахтер) (ЦТМ)"), "tmc_watchman");
    assert_eq!(slug("Водитель (мансап орталығы)"), "cc_driver");
}

#[test]
fn bare_shared_name_is_ambiguous_and_lists_both_choices() {
    let err = find_position("Специалист по содействию занятости").unwrap_err();
    let RuleError::AmbiguousPosition { choices, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(choices.len(), 2);
    let msg = err.to_string();
    assert!(
        msg.contains("Специалист по содействию занятости (ЦТМ)"),
        "{msg}"
    );
    assert!(
        msg.contains("Специалист по содействию занятости (карьерный центр)"),
        "{msg}"
    );
    assert!(msg.contains("tmc_employment_specialist") && msg.contains("cc_employment_specialist"));
}

#[test]
fn qualifier_of_the_wrong_org_is_unknown() {
    let err = find_position("Руководитель сектора (ЦТМ)").unwrap_err();
    assert!(matches!(err, RuleError::UnknownPosition { .. }), "{err:?}");
    assert!(err.to_string().contains("cc_head_of_sector"), "{err}");
}

#[test]
fn unknown_name_suggests_the_three_closest() {
    let err = find_position("Аналитик рынка труд").unwrap_err();
    let RuleError::UnknownPosition { closest, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(closest.len(), 3);
    assert!(
        closest[0].contains("tmc_labor_market_analyst"),
        "{closest:?}"
    );
    let err = find_position("Директр").unwrap_err();
    let RuleError::UnknownPosition { closest, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        closest.iter().all(|c| c.contains("director")),
        "{closest:?}"
    );
    let err = find_position("Главный специалист").unwrap_err();
    assert!(err.to_string().contains("closest:"), "{err}");
    assert!(matches!(
        find_position(""),
        Err(RuleError::UnknownPosition { .. })
    ));
}

#[test]
fn edit_distance_counts_characters() {
    assert_eq!(edit_distance("", ""), 0);
    assert_eq!(edit_distance("кот", "кит"), 1);
    assert_eq!(edit_distance("юрист", "юристы"), 1);
    assert_eq!(edit_distance("abc", ""), 3);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
}
