## Search: Results appear in under 2 seconds (variant 2) [functional] covers 100
Feature: Search

  Scenario: Results appear in under 2 seconds
    Given the user has access to “Search”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Results appear in under 2 seconds

  Scenario Outline: Results appear in under 2 seconds (boundary: under 2 seconds)
    Given the user has access to “Search”
    And the criterion applies: Results appear in under 2 seconds
    When the value is <value> seconds
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 1     | accepted |
      | 2     | refused  |

## Search: Search matches titles and keys [functional] covers 101
Feature: Search

  Scenario: Search matches titles and keys
    Given the user has access to “Search”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Search matches titles and keys

