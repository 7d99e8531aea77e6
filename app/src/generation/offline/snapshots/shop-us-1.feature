## Sign up: Password must be at least 8 characters [functional] covers 100
Feature: Sign up

  Scenario: Password must be at least 8 characters
    Given the user has access to “Sign up”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Password must be at least 8 characters

  Scenario Outline: Password must be at least 8 characters (boundary: at least 8 characters)
    Given the user has access to “Sign up”
    And the criterion applies: Password must be at least 8 characters
    When the value is <value> characters
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 8     | accepted |
      | 7     | refused  |

  Scenario: Password must be at least 8 characters (rule broken)
    Given the user has access to “Sign up”
    And the criterion applies: Password must be at least 8 characters
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

## Sign up: Username must be between 3 and 20 characters [functional] covers 101
Feature: Sign up

  Scenario: Username must be between 3 and 20 characters
    Given the user has access to “Sign up”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Username must be between 3 and 20 characters

  Scenario Outline: Username must be between 3 and 20 characters (boundary: between 3 and 20 characters)
    Given the user has access to “Sign up”
    And the criterion applies: Username must be between 3 and 20 characters
    When the value is <value> characters
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 2     | refused  |
      | 3     | accepted |
      | 20    | accepted |
      | 21    | refused  |

  Scenario: Username must be between 3 and 20 characters (rule broken)
    Given the user has access to “Sign up”
    And the criterion applies: Username must be between 3 and 20 characters
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

## Sign up: The verification code has exactly 6 digits [functional] covers 102
Feature: Sign up

  Scenario: The verification code has exactly 6 digits
    Given the user has access to “Sign up”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The verification code has exactly 6 digits

  Scenario Outline: The verification code has exactly 6 digits (boundary: exactly 6 digits)
    Given the user has access to “Sign up”
    And the criterion applies: The verification code has exactly 6 digits
    When the value is <value> digits
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 5     | refused  |
      | 6     | accepted |
      | 7     | refused  |

