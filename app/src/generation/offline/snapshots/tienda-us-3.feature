## Carrito (parte 1 de 3) [functional] covers 100, 101
# language: es
Característica: Carrito

  Escenario: El carrito admite un máximo de 100 artículos
    Dado que el usuario tiene acceso a «Carrito»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El carrito admite un máximo de 100 artículos

  Escenario: Se pueden aplicar no más de 3 cupones
    Dado que el usuario tiene acceso a «Carrito»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Se pueden aplicar no más de 3 cupones

  Esquema del escenario: El carrito admite un máximo de 100 artículos (límite: máximo de 100 artículos)
    Dado que el usuario tiene acceso a «Carrito»
    Y se aplica el criterio: El carrito admite un máximo de 100 artículos
    Cuando el valor es <valor> artículos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 100   | aceptado  |
      | 101   | rechazado |

  Esquema del escenario: Se pueden aplicar no más de 3 cupones (límite: no más de 3 cupones)
    Dado que el usuario tiene acceso a «Carrito»
    Y se aplica el criterio: Se pueden aplicar no más de 3 cupones
    Cuando el valor es <valor> cupones
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 3     | aceptado  |
      | 4     | rechazado |

## Carrito: Los pedidos de más de 50 euros tienen envío gratis [functional] covers 102
# language: es
Característica: Carrito

  Escenario: Los pedidos de más de 50 euros tienen envío gratis
    Dado que el usuario tiene acceso a «Carrito»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los pedidos de más de 50 euros tienen envío gratis

  Esquema del escenario: Los pedidos de más de 50 euros tienen envío gratis (límite: más de 50 euros)
    Dado que el usuario tiene acceso a «Carrito»
    Y se aplica el criterio: Los pedidos de más de 50 euros tienen envío gratis
    Cuando el valor es <valor> euros
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 51    | aceptado  |
      | 50    | rechazado |

## Carrito: La dirección de entrega es obligatoria [functional] covers 103
# language: es
Característica: Carrito

  Escenario: La dirección de entrega es obligatoria
    Dado que el usuario tiene acceso a «Carrito»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La dirección de entrega es obligatoria

  Escenario: La dirección de entrega es obligatoria (regla incumplida)
    Dado que el usuario tiene acceso a «Carrito»
    Y se aplica el criterio: La dirección de entrega es obligatoria
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

