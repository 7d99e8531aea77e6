## Terms: Customers must be at least 18 years old; every clause the lawyers wrote appears in the list, every clause the la… [functional] covers 100
Feature: Terms

  Scenario: Customers must be at least 18 years old; every clause the lawyers wrote appears in the list, every…
    Given the user has access to “Terms”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Customers must be at least 18 years old; every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawye…

  Scenario Outline: Customers must be at least 18 years old; every clause the l… (boundary: at least 18 years)
    Given the user has access to “Terms”
    And the criterion applies: Customers must be at least 18 years old; every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawye…
    When the value is <value> years
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 18    | accepted |
      | 17    | refused  |

  Scenario: Customers must be at least 18 years old; every clause the l… (rule broken)
    Given the user has access to “Terms”
    And the criterion applies: Customers must be at least 18 years old; every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawyers wrote appears in the list, every clause the lawye…
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

## Terms: The terms open in a new tab [functional] covers 101
Feature: Terms

  Scenario: The terms open in a new tab
    Given the user has access to “Terms”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The terms open in a new tab

