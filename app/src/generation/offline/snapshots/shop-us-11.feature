## Reports (part 1 of 3) [functional] covers 100, 101, 102, 103
Feature: Reports

  Scenario: Reports list cases by status
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Reports list cases by status

  Scenario: Reports show the pass rate per run
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Reports show the pass rate per run

  Scenario: Reports can be exported as CSV, XLSX or PDF
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Reports can be exported as CSV, XLSX or PDF

  Scenario: Only managers can schedule reports
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Only managers can schedule reports

  Scenario Outline: Reports can be exported as CSV, XLSX or PDF (each option)
    Given the user has access to “Reports”
    And the criterion applies: Reports can be exported as CSV, XLSX or PDF
    When they choose <option>
    Then <option> is handled as the criterion states

    Examples:
      | option |
      | CSV    |
      | XLSX   |
      | PDF    |

  Scenario: Only managers can schedule reports (rule broken)
    Given the user has access to “Reports”
    And the criterion applies: Only managers can schedule reports
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

  Scenario: Only managers can schedule reports (without the manager role)
    Given a person without the manager role is signed in
    And the criterion applies: Only managers can schedule reports
    When they try to do what the criterion allows
    Then the system refuses them access
    And nothing changes

## Reports (part 2 of 3) [functional] covers 104, 105, 106, 107
Feature: Reports

  Scenario: A report covers at most 90 days
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: A report covers at most 90 days

  Scenario: Charts load within 2 seconds
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Charts load within 2 seconds

  Scenario: Filters are required before export
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Filters are required before export

  Scenario: Report names are unique
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Report names are unique

  Scenario Outline: A report covers at most 90 days (boundary: at most 90 days)
    Given the user has access to “Reports”
    And the criterion applies: A report covers at most 90 days
    When the value is <value> days
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 90    | accepted |
      | 91    | refused  |

  Scenario Outline: Charts load within 2 seconds (boundary: within 2 seconds)
    Given the user has access to “Reports”
    And the criterion applies: Charts load within 2 seconds
    When the value is <value> seconds
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 2     | accepted |
      | 3     | refused  |

  Scenario: Filters are required before export (rule broken)
    Given the user has access to “Reports”
    And the criterion applies: Filters are required before export
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

## Reports (part 3 of 3) [functional] covers 108, 109, 110, 111
Feature: Reports

  Scenario: Deleted cases are left out
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Deleted cases are left out

  Scenario: Each report shows its author
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Each report shows its author

  Scenario: Reports can be shared by link
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Reports can be shared by link

  Scenario: Totals match the case list
    Given the user has access to “Reports”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Totals match the case list

