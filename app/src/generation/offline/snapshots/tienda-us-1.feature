## Registro: La contraseña debe tener al menos 8 caracteres [functional] covers 100
# language: es
Característica: Registro

  Escenario: La contraseña debe tener al menos 8 caracteres
    Dado que el usuario tiene acceso a «Registro»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La contraseña debe tener al menos 8 caracteres

  Esquema del escenario: La contraseña debe tener al menos 8 caracteres (límite: al menos 8 caracteres)
    Dado que el usuario tiene acceso a «Registro»
    Y se aplica el criterio: La contraseña debe tener al menos 8 caracteres
    Cuando el valor es <valor> caracteres
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 8     | aceptado  |
      | 7     | rechazado |

  Escenario: La contraseña debe tener al menos 8 caracteres (regla incumplida)
    Dado que el usuario tiene acceso a «Registro»
    Y se aplica el criterio: La contraseña debe tener al menos 8 caracteres
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

## Registro: El nombre de usuario tiene entre 3 y 20 caracteres [functional] covers 101
# language: es
Característica: Registro

  Escenario: El nombre de usuario tiene entre 3 y 20 caracteres
    Dado que el usuario tiene acceso a «Registro»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El nombre de usuario tiene entre 3 y 20 caracteres

  Esquema del escenario: El nombre de usuario tiene entre 3 y 20 caracteres (límite: entre 3 y 20 caracteres)
    Dado que el usuario tiene acceso a «Registro»
    Y se aplica el criterio: El nombre de usuario tiene entre 3 y 20 caracteres
    Cuando el valor es <valor> caracteres
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 2     | rechazado |
      | 3     | aceptado  |
      | 20    | aceptado  |
      | 21    | rechazado |

## Registro: El código de verificación tiene exactamente 6 dígitos [functional] covers 102
# language: es
Característica: Registro

  Escenario: El código de verificación tiene exactamente 6 dígitos
    Dado que el usuario tiene acceso a «Registro»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El código de verificación tiene exactamente 6 dígitos

  Esquema del escenario: El código de verificación tiene exactamente 6 dígitos (límite: exactamente 6 dígitos)
    Dado que el usuario tiene acceso a «Registro»
    Y se aplica el criterio: El código de verificación tiene exactamente 6 dígitos
    Cuando el valor es <valor> dígitos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 5     | rechazado |
      | 6     | aceptado  |
      | 7     | rechazado |

