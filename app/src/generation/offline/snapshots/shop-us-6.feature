## Project administration (part 1 of 3) [functional] covers 100, 101
Feature: Project administration

  Scenario: Only admins can delete a project
    Given the user has access to “Project administration”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Only admins can delete a project

  Scenario: Managers can archive projects
    Given the user has access to “Project administration”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Managers can archive projects

  Scenario: Only admins can delete a project (rule broken)
    Given the user has access to “Project administration”
    And the criterion applies: Only admins can delete a project
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

  Scenario: Only admins can delete a project (without the admin role)
    Given a person without the admin role is signed in
    And the criterion applies: Only admins can delete a project
    When they try to do what the criterion allows
    Then the system refuses them access
    And nothing changes

  Scenario: Managers can archive projects (without the manager role)
    Given a person without the manager role is signed in
    And the criterion applies: Managers can archive projects
    When they try to do what the criterion allows
    Then the system refuses them access
    And nothing changes

## Project administration: Guests see projects read-only [functional] covers 102
Feature: Project administration

  Scenario: Guests see projects read-only
    Given the user has access to “Project administration”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Guests see projects read-only

  Scenario: Guests see projects read-only (rule broken)
    Given the user has access to “Project administration”
    And the criterion applies: Guests see projects read-only
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

  Scenario: Guests see projects read-only (without the guest role)
    Given a person without the guest role is signed in
    And the criterion applies: Guests see projects read-only
    When they try to do what the criterion allows
    Then the system refuses them access
    And nothing changes

## Project administration: Viewers cannot edit projects [functional] covers 103
Feature: Project administration

  Scenario: Viewers cannot edit projects
    Given the user has access to “Project administration”
    When they act as the criterion describes, with valid data
    Then the outcome matches: Viewers cannot edit projects

  Scenario: Viewers cannot edit projects (rule broken)
    Given the user has access to “Project administration”
    And the criterion applies: Viewers cannot edit projects
    When they do something that breaks the rule
    Then the system refuses it with a clear message
    And nothing is saved

  Scenario: Viewers cannot edit projects (without the viewer role)
    Given a person without the viewer role is signed in
    And the criterion applies: Viewers cannot edit projects
    When they try to do what the criterion allows
    Then the system refuses them access
    And nothing changes

