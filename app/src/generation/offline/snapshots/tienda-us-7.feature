## Pago (parte 1 de 3) [functional] covers 100, 101
# language: es
Característica: Pago

  Escenario: Dado un carrito con 2 artículos, cuando pago con tarjeta, entonces veo un recibo
    Dado un carrito con 2 artículos
    Cuando pago con tarjeta
    Entonces veo un recibo

  Escenario: Dado que la tienda está cerrada
    Dado que el usuario tiene acceso a «Pago»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Dado que la tienda está cerrada

  Esquema del escenario: Dado un carrito con 2 artículos, cuando pago con tarjeta, e… (límite: 2 artículos)
    Dado que el usuario tiene acceso a «Pago»
    Y se aplica el criterio: Dado un carrito con 2 artículos, cuando pago con tarjeta, entonces veo un recibo
    Cuando el valor es <valor> artículos
    Entonces el resultado cumple el criterio para un valor <posición> 2

    Ejemplos:
      | valor | posición            |
      | 1     | justo por debajo de |
      | 2     | igual a             |
      | 3     | justo por encima de |

## Pago: Los totales | impuestos # se muestran por línea [functional] covers 102
# language: es
Característica: Pago

  Escenario: Los totales | impuestos # se muestran por línea
    Dado que el usuario tiene acceso a «Pago»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los totales | impuestos # se muestran por línea

## Pago: @wip """ Escenario: no es un encabezado [functional] covers 103
# language: es
Característica: Pago

  Escenario: @wip """ Escenario: no es un encabezado
    Dado que el usuario tiene acceso a «Pago»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: @wip """ Escenario: no es un encabezado

