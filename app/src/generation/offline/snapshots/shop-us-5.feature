## Language settings: The interface is available in English, Spanish, or French [functional] covers 100
Feature: Language settings

  Scenario: The interface is available in English, Spanish, or French
    Given the user has access to “Language settings”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The interface is available in English, Spanish, or French

  Scenario Outline: The interface is available in English, Spanish, or French (each option)
    Given the user has access to “Language settings”
    And the criterion applies: The interface is available in English, Spanish, or French
    When they choose <option>
    Then <option> is handled as the criterion states

    Examples:
      | option  |
      | English |
      | Spanish |
      | French  |

## Language settings: Dates are shown as day, month and year [functional] covers 101
Feature: Language settings

  Scenario: Dates are shown as day, month and year
    Given the user has access to “Language settings”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Dates are shown as day, month and year

  Scenario Outline: Dates are shown as day, month and year (each option)
    Given the user has access to “Language settings”
    And the criterion applies: Dates are shown as day, month and year
    When they choose <option>
    Then <option> is handled as the criterion states

    Examples:
      | option |
      | day    |
      | month  |
      | year   |

## Language settings: Users log in and see the dashboard in their language [functional] covers 102
Feature: Language settings

  Scenario: Users log in and see the dashboard in their language
    Given the user has access to “Language settings”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Users log in and see the dashboard in their language

