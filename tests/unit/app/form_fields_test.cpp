// Looking up a submitted form's fields: the first value of a name, every ticked checkbox.
#include <gtest/gtest.h>

#include "app/form_fields.h"

namespace vg::app {
namespace {

TEST(FormFields, FirstValueOfANameOrEmpty) {
  const FormFields form = {{"name", "Ann"}, {"name", "Bob"}, {"empty", ""}};
  EXPECT_EQ(form_value(form, "name"), "Ann");
  EXPECT_EQ(form_value(form, "empty"), "");
  EXPECT_EQ(form_value(form, "missing"), "");
}

TEST(FormFields, EveryNonEmptyValueInTheOrderSent) {
  const FormFields form = {{"need", "housing"}, {"other", "x"}, {"need", ""}, {"need", "money"}};
  EXPECT_EQ(form_values(form, "need"), (std::vector<std::string>{"housing", "money"}));
  EXPECT_TRUE(form_values(form, "missing").empty());
}

}  // namespace
}  // namespace vg::app
