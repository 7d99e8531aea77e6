## Búsqueda: Los resultados aparecen en menos de 2 segundos (variante 2) [functional] covers 100
# language: es
Característica: Búsqueda

  Escenario: Los resultados aparecen en menos de 2 segundos
    Dado que el usuario tiene acceso a «Búsqueda»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los resultados aparecen en menos de 2 segundos

  Esquema del escenario: Los resultados aparecen en menos de 2 segundos (límite: menos de 2 segundos)
    Dado que el usuario tiene acceso a «Búsqueda»
    Y se aplica el criterio: Los resultados aparecen en menos de 2 segundos
    Cuando el valor es <valor> segundos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 1     | aceptado  |
      | 2     | rechazado |

## Búsqueda: La búsqueda encuentra títulos y claves [functional] covers 101
# language: es
Característica: Búsqueda

  Escenario: La búsqueda encuentra títulos y claves
    Dado que el usuario tiene acceso a «Búsqueda»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La búsqueda encuentra títulos y claves

