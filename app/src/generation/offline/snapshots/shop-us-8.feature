## Profile ✨ émojis: The display name accepts accents like José and emoji 🎉 [functional] covers 100
Feature: Profile ✨ émojis

  Scenario: The display name accepts accents like José and emoji 🎉
    Given the user has access to “Profile ✨ émojis”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The display name accepts accents like José and emoji 🎉

## Profile ✨ émojis: Bio is at most 160 characters 📝 [functional] covers 101
Feature: Profile ✨ émojis

  Scenario: Bio is at most 160 characters 📝
    Given the user has access to “Profile ✨ émojis”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Bio is at most 160 characters 📝

  Scenario Outline: Bio is at most 160 characters 📝 (boundary: at most 160 characters)
    Given the user has access to “Profile ✨ émojis”
    And the criterion applies: Bio is at most 160 characters 📝
    When the value is <value> characters
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 160   | accepted |
      | 161   | refused  |

## Profile ✨ émojis: Ünïcödé names are shown as typed [functional] covers 102
Feature: Profile ✨ émojis

  Scenario: Ünïcödé names are shown as typed
    Given the user has access to “Profile ✨ émojis”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Ünïcödé names are shown as typed

