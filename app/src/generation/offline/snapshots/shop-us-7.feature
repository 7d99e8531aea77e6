## Checkout (part 1 of 3) [functional] covers 100, 101
Feature: Checkout

  Scenario: Given a cart with 2 items, when I pay by card, then I see a receipt
    Given a cart with 2 items
    When I pay by card
    Then I see a receipt

  Scenario: Given the shop is closed
    Given the user has access to “Checkout”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Given the shop is closed

  Scenario Outline: Given a cart with 2 items, when I pay by card, then I see a… (boundary: 2 items)
    Given the user has access to “Checkout”
    And the criterion applies: Given a cart with 2 items, when I pay by card, then I see a receipt
    When the value is <value> items
    Then the result matches the criterion for a value <position> 2

    Examples:
      | value | position   |
      | 1     | just below |
      | 2     | equal to   |
      | 3     | just above |

## Checkout (part 2 of 3) [functional] covers 102, 103
Feature: Checkout

  Scenario: Totals | taxes # shown per line
    Given the user has access to “Checkout”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Totals | taxes # shown per line

  Scenario: @wip """ Scenario: not a heading
    Given the user has access to “Checkout”
    When they act as the criterion describes, with valid data
    Then the outcome matches: @wip """ Scenario: not a heading

## Checkout: Export as CSV, a|b or c\d [functional] covers 104
Feature: Checkout

  Scenario: Export as CSV, a|b or c\d
    Given the user has access to “Checkout”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Export as CSV, a|b or c\d

  Scenario Outline: Export as CSV, a|b or c\d (each option)
    Given the user has access to “Checkout”
    And the criterion applies: Export as CSV, a|b or c\d
    When they choose <option>
    Then <option> is handled as the criterion states

    Examples:
      | option |
      | CSV    |
      | a\|b   |
      | c\\d   |

