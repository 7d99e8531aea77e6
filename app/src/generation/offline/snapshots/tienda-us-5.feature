## Idioma: La interfaz está disponible en inglés, español o francés [functional] covers 100
# language: es
Característica: Idioma

  Escenario: La interfaz está disponible en inglés, español o francés
    Dado que el usuario tiene acceso a «Idioma»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La interfaz está disponible en inglés, español o francés

  Esquema del escenario: La interfaz está disponible en inglés, español o francés (cada opción)
    Dado que el usuario tiene acceso a «Idioma»
    Y se aplica el criterio: La interfaz está disponible en inglés, español o francés
    Cuando elige <opción>
    Entonces <opción> se trata como indica el criterio

    Ejemplos:
      | opción  |
      | inglés  |
      | español |
      | francés |

## Idioma: Las fechas se muestran con día, mes y año [functional] covers 101
# language: es
Característica: Idioma

  Escenario: Las fechas se muestran con día, mes y año
    Dado que el usuario tiene acceso a «Idioma»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Las fechas se muestran con día, mes y año

  Esquema del escenario: Las fechas se muestran con día, mes y año (cada opción)
    Dado que el usuario tiene acceso a «Idioma»
    Y se aplica el criterio: Las fechas se muestran con día, mes y año
    Cuando elige <opción>
    Entonces <opción> se trata como indica el criterio

    Ejemplos:
      | opción |
      | día    |
      | mes    |
      | año    |

## Idioma: Pago con tarjeta o PayPal [functional] covers 102
# language: es
Característica: Idioma

  Escenario: Pago con tarjeta o PayPal
    Dado que el usuario tiene acceso a «Idioma»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Pago con tarjeta o PayPal

  Esquema del escenario: Pago con tarjeta o PayPal (cada opción)
    Dado que el usuario tiene acceso a «Idioma»
    Y se aplica el criterio: Pago con tarjeta o PayPal
    Cuando elige <opción>
    Entonces <opción> se trata como indica el criterio

    Ejemplos:
      | opción  |
      | tarjeta |
      | PayPal  |

