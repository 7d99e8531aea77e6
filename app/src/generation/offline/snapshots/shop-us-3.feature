## Cart (part 1 of 3) [functional] covers 100, 101
Feature: Cart

  Scenario: The cart holds max 100 items
    Given the user has access to “Cart”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The cart holds max 100 items

  Scenario: No more than 3 coupons can be applied
    Given the user has access to “Cart”
    When they act as the criterion describes, with valid data
    Then the outcome matches: No more than 3 coupons can be applied

  Scenario Outline: The cart holds max 100 items (boundary: max 100 items)
    Given the user has access to “Cart”
    And the criterion applies: The cart holds max 100 items
    When the value is <value> items
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 100   | accepted |
      | 101   | refused  |

  Scenario Outline: No more than 3 coupons can be applied (boundary: no more than 3 coupons)
    Given the user has access to “Cart”
    And the criterion applies: No more than 3 coupons can be applied
    When the value is <value> coupons
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 3     | accepted |
      | 4     | refused  |

## Cart: Orders over 50 EUR ship for free [functional] covers 102
Feature: Cart

  Scenario: Orders over 50 EUR ship for free
    Given the user has access to “Cart”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Orders over 50 EUR ship for free

  Scenario Outline: Orders over 50 EUR ship for free (boundary: over 50 EUR)
    Given the user has access to “Cart”
    And the criterion applies: Orders over 50 EUR ship for free
    When the value is <value> EUR
    Then the value is <outcome>

    Examples:
      | value | outcome  |
      | 51    | accepted |
      | 50    | refused  |

## Cart: A delivery address is mandatory [functional] covers 103
Feature: Cart

  Scenario: A delivery address is mandatory
    Given the user has access to “Cart”
    When they act as the criterion describes, with valid data
    Then the outcome matches: A delivery address is mandatory

  Scenario: A delivery address is mandatory (rule broken)
    Given the user has access to “Cart”
    And the criterion applies: A delivery address is mandatory
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

