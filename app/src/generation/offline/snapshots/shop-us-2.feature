## Log in: Accounts lock after up to 5 attempts [functional] covers 100
Feature: Log in

  Scenario: Accounts lock after up to 5 attempts
    Given the user has access to “Log in”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Accounts lock after up to 5 attempts

  Scenario Outline: Accounts lock after up to 5 attempts (boundary: up to 5 attempts)
    Given the user has access to “Log in”
    And the criterion applies: Accounts lock after up to 5 attempts
    When the value is <value> attempts
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 5     | accepted |
      | 6     | refused  |

## Log in: The session expires within 30 minutes of inactivity [functional] covers 101
Feature: Log in

  Scenario: The session expires within 30 minutes of inactivity
    Given the user has access to “Log in”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The session expires within 30 minutes of inactivity

  Scenario Outline: The session expires within 30 minutes of inactivity (boundary: within 30 minutes)
    Given the user has access to “Log in”
    And the criterion applies: The session expires within 30 minutes of inactivity
    When the value is <value> minutes
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 30    | accepted |
      | 31    | refused  |

## Log in: A login link arrives in less than 10 seconds [functional] covers 102
Feature: Log in

  Scenario: A login link arrives in less than 10 seconds
    Given the user has access to “Log in”
    When they act as the criterion describes, with valid data
    Then the outcome matches: A login link arrives in less than 10 seconds

  Scenario Outline: A login link arrives in less than 10 seconds (boundary: less than 10 seconds)
    Given the user has access to “Log in”
    And the criterion applies: A login link arrives in less than 10 seconds
    When the value is <value> seconds
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 9     | accepted |
      | 10    | refused  |

