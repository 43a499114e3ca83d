// UK postcode shape: the check a searcher's postcode must pass before it is looked up.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vg::directory {

// "l18jq", " L1 8JQ " → "L1 8JQ". Empty when the text is not the shape of a full UK postcode
// (outward code A9, A99, AA9, AA99, A9A or AA9A, or GIR; inward code 9AA; spaces anywhere
// are forgiven), which is a different answer to
// the person than "a real-looking postcode we do not hold".
std::optional<std::string> normalise_postcode(std::string_view raw);

// "L1 8JQ" → "L18JQ": the key the postcode lookup stores.
std::string postcode_key(std::string_view normalised);

// True for a well-formed postcode Royal Mail never issues: the inward code's two letters never
// include C, I, K, M, O or V (BS 7666). The demo's invented postcodes are made that way
// (config/demo/postcodes-illustrative.csv), so they can never be somebody's address, and a
// search that finds one says the postcode is illustrative. Takes the normalised form.
bool is_unissued_postcode(std::string_view normalised);

}  // namespace vg::directory
