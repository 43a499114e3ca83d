// The Home Office recorded-crime categories referrals are classified by
// (config/offence-categories.json), parsed from text and looked up by code. Parsing a string only:
// this file never opens a file.
#pragma once

#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::assessment {

// Reads {"source", "licence", "groups": [name, ...], "categories": [{code, name, group,
// most_serious?, sexual_offence?}, ...]}. Every problem is reported at once, each as a FieldError
// whose field is a JSON path ("$.categories[3].most_serious"), so a bad table never half-loads.
// Category objects are strict (an unknown key is an error) because a misspelt "most_serious"
// would otherwise silently take enhanced rights away from every victim of that category.
Result<std::vector<OffenceCategory>> parse_offence_categories(std::string_view json);

// The category with this code, or nullptr (an empty or unknown code).
const OffenceCategory* find_offence_category(const std::vector<OffenceCategory>& categories,
                                             std::string_view code);

// Whether the victim suffered a sexual offence: the flag, a child-sexual-exploitation flag (CSE is
// sexual abuse by definition) or a sexual-offence category. Consent and enhanced rights must agree
// on this, so both ask here.
bool is_sexual_offence(const intake::OffenceFlags& flags, const OffenceCategory* category);

// Whether the victim is a victim of modern slavery or human trafficking: the flag, or a category
// whose most-serious code is "human_trafficking".
bool is_human_trafficking(const intake::OffenceFlags& flags, const OffenceCategory* category);

}  // namespace vg::assessment
