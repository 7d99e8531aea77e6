## Inicio de sesión: La cuenta se bloquea tras como máximo 5 intentos [functional] covers 100
# language: es
Característica: Inicio de sesión

  Escenario: La cuenta se bloquea tras como máximo 5 intentos
    Dado que el usuario tiene acceso a «Inicio de sesión»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La cuenta se bloquea tras como máximo 5 intentos

  Esquema del escenario: La cuenta se bloquea tras como máximo 5 intentos (límite: como máximo 5 intentos)
    Dado que el usuario tiene acceso a «Inicio de sesión»
    Y se aplica el criterio: La cuenta se bloquea tras como máximo 5 intentos
    Cuando el valor es <valor> intentos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 5     | aceptado  |
      | 6     | rechazado |

## Inicio de sesión: La sesión caduca en menos de 30 minutos [functional] covers 101
# language: es
Característica: Inicio de sesión

  Escenario: La sesión caduca en menos de 30 minutos
    Dado que el usuario tiene acceso a «Inicio de sesión»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La sesión caduca en menos de 30 minutos

  Esquema del escenario: La sesión caduca en menos de 30 minutos (límite: menos de 30 minutos)
    Dado que el usuario tiene acceso a «Inicio de sesión»
    Y se aplica el criterio: La sesión caduca en menos de 30 minutos
    Cuando el valor es <valor> minutos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 29    | aceptado  |
      | 30    | rechazado |

## Inicio de sesión: El enlace llega en hasta 10 segundos [functional] covers 102
# language: es
Característica: Inicio de sesión

  Escenario: El enlace llega en hasta 10 segundos
    Dado que el usuario tiene acceso a «Inicio de sesión»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El enlace llega en hasta 10 segundos

  Esquema del escenario: El enlace llega en hasta 10 segundos (límite: hasta 10 segundos)
    Dado que el usuario tiene acceso a «Inicio de sesión»
    Y se aplica el criterio: El enlace llega en hasta 10 segundos
    Cuando el valor es <valor> segundos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 10    | aceptado  |
      | 11    | rechazado |

