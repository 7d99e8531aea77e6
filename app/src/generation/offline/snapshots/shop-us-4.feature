## Upload documents (part 1 of 3) [functional] covers 100, 101
Feature: Upload documents

  Scenario: The upload accepts PDF, PNG and JPG files
    Given the user has access to “Upload documents”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The upload accepts PDF, PNG and JPG files

  Scenario: The file name is required
    Given the user has access to “Upload documents”
    When they act as the criterion describes, with valid data
    Then the outcome matches: The file name is required

  Scenario Outline: The upload accepts PDF, PNG and JPG files (each option)
    Given the user has access to “Upload documents”
    And the criterion applies: The upload accepts PDF, PNG and JPG files
    When they choose <option>
    Then <option> is handled as the criterion states

    Examples:
      | option |
      | PDF    |
      | PNG    |
      | JPG    |

  Scenario: The file name is required (rule broken)
    Given the user has access to “Upload documents”
    And the criterion applies: The file name is required
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

## Upload documents: Users can upload 3 files at once [functional] covers 102
Feature: Upload documents

  Scenario: Users can upload 3 files at once
    Given the user has access to “Upload documents”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Users can upload 3 files at once

  Scenario Outline: Users can upload 3 files at once (boundary: 3 files)
    Given the user has access to “Upload documents”
    And the criterion applies: Users can upload 3 files at once
    When the value is <value> files
    Then the result matches the criterion for a value <position> 3

    Examples:
      | value | position   |
      | 2     | just below |
      | 3     | equal to   |
      | 4     | just above |

## Upload documents: Uploads should not replace existing files [functional] covers 103
Feature: Upload documents

  Scenario: Uploads should not replace existing files
    Given the user has access to “Upload documents”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Uploads should not replace existing files

  Scenario: Uploads should not replace existing files (rule broken)
    Given the user has access to “Upload documents”
    And the criterion applies: Uploads should not replace existing files
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

