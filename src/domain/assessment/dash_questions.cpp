#include "domain/assessment/dash_questions.h"

#include "domain/intake/referral.h"

namespace vg::assessment {

// The arrays are sized by the constants, and the answers' arrays must agree with them, or an
// answer would be asked without a question (or the other way round).
static_assert(std::tuple_size_v<decltype(intake::DashAnswers::answers)> == kDashQuestionCount);
static_assert(std::tuple_size_v<decltype(intake::SdashAnswers::answers)> == kSdashQuestionCount);

const std::array<std::string_view, kDashQuestionCount>& dash_questions() {
  static constexpr std::array<std::string_view, kDashQuestionCount> kQuestions{
      "Has the current incident resulted in injury?",
      "Are you very frightened?",
      "What are you afraid of? Is it further injury or violence?",
      "Do you feel isolated from family or friends? Does (name of abuser) try to stop you from "
      "seeing friends, family, your doctor or others?",
      "Are you feeling depressed or having suicidal thoughts?",
      "Have you separated or tried to separate from (name of abuser) within the past year?",
      "Is there conflict over child contact?",
      "Does (name of abuser) constantly text, call, contact, follow, stalk or harass you?",
      "Are you pregnant or have you recently had a baby (within the last 18 months)?",
      "Is the abuse happening more often?",
      "Is the abuse getting worse?",
      "Does (name of abuser) try to control everything you do, or are they excessively jealous?",
      "Has (name of abuser) ever used weapons or objects to hurt you?",
      "Has (name of abuser) ever threatened to kill you or someone else and you believed them?",
      "Has (name of abuser) ever attempted to strangle, choke, suffocate or drown you?",
      "Does (name of abuser) do or say things of a sexual nature that make you feel bad or that "
      "physically hurt you or someone else?",
      "Is there any other person who has threatened you or who you are afraid of?",
      "Do you know if (name of abuser) has hurt anyone else?",
      "Has (name of abuser) ever mistreated an animal or the family pet?",
      "Are there any financial issues? For example, are you dependent on (name of abuser) for "
      "money, or have they recently lost their job?",
      "Has (name of abuser) had problems in the past year with drugs (prescription or other), "
      "alcohol or mental health leading to problems in leading a normal life?",
      "Has (name of abuser) ever threatened or attempted suicide?",
      "Has (name of abuser) ever broken bail, an injunction or a formal agreement for when they "
      "can see you or the children?",
      "Do you know if (name of abuser) has ever been in trouble with the police or has a "
      "criminal history?",
  };
  return kQuestions;
}

const std::array<std::string_view, kSdashQuestionCount>& sdash_questions() {
  static constexpr std::array<std::string_view, kSdashQuestionCount> kQuestions{
      "Is the victim very frightened?",
      "Is there previous domestic abuse or harassment history?",
      "Has the stalker vandalised or destroyed property?",
      "Has the stalker turned up unannounced more than three times a week?",
      "Has the stalker followed the victim or loitered near the victim?",
      "Has the stalker threatened physical or sexual violence?",
      "Has the stalker been harassing any third party since the harassment began (for example "
      "family, children, friends, neighbours or colleagues)?",
      "Has the stalker acted violently to anyone else during the stalking incident?",
      "Has the stalker engaged others to help (wittingly or unwittingly)?",
      "Has the stalker had problems in the past year with drugs (prescription or other), "
      "alcohol or mental health leading to problems in leading a normal life?",
      "Has the stalker ever been convicted of stalking or harassment?",
  };
  return kQuestions;
}

}  // namespace vg::assessment
