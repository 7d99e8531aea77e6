## Perfil ñandú 🎉: El nombre visible admite acentos como José, Zoë y emoji 🎉 [functional] covers 100
# language: es
Característica: Perfil ñandú 🎉

  Escenario: El nombre visible admite acentos como José, Zoë y emoji 🎉
    Dado que el usuario tiene acceso a «Perfil ñandú 🎉»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El nombre visible admite acentos como José, Zoë y emoji 🎉

  Esquema del escenario: El nombre visible admite acentos como José, Zoë y emoji 🎉 (cada opción)
    Dado que el usuario tiene acceso a «Perfil ñandú 🎉»
    Y se aplica el criterio: El nombre visible admite acentos como José, Zoë y emoji 🎉
    Cuando elige <opción>
    Entonces <opción> se trata como indica el criterio

    Ejemplos:
      | opción |
      | José   |
      | Zoë    |
      | emoji  |

## Perfil ñandú 🎉: La biografía tiene como máximo 160 caracteres 📝 [functional] covers 101
# language: es
Característica: Perfil ñandú 🎉

  Escenario: La biografía tiene como máximo 160 caracteres 📝
    Dado que el usuario tiene acceso a «Perfil ñandú 🎉»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La biografía tiene como máximo 160 caracteres 📝

  Esquema del escenario: La biografía tiene como máximo 160 caracteres 📝 (límite: como máximo 160 caracteres)
    Dado que el usuario tiene acceso a «Perfil ñandú 🎉»
    Y se aplica el criterio: La biografía tiene como máximo 160 caracteres 📝
    Cuando el valor es <valor> caracteres
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 160   | aceptado  |
      | 161   | rechazado |

