## Newsletter [functional] covers nothing
Feature: Newsletter

  Scenario: Newsletter
    Given the user acts as a shopper
    When they try to subscribe to the newsletter
    Then I hear about sales

