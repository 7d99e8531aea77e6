## Informes (parte 1 de 3) [functional] covers 100, 101, 102, 103
# language: es
Característica: Informes

  Escenario: Los informes listan los casos por estado
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los informes listan los casos por estado

  Escenario: Los informes muestran el porcentaje de éxito por ejecución
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los informes muestran el porcentaje de éxito por ejecución

  Escenario: Los informes se exportan en CSV, XLSX o PDF
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los informes se exportan en CSV, XLSX o PDF

  Escenario: Solo los gerentes pueden programar informes
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Solo los gerentes pueden programar informes

  Esquema del escenario: Los informes se exportan en CSV, XLSX o PDF (cada opción)
    Dado que el usuario tiene acceso a «Informes»
    Y se aplica el criterio: Los informes se exportan en CSV, XLSX o PDF
    Cuando elige <opción>
    Entonces <opción> se trata como indica el criterio

    Ejemplos:
      | opción |
      | CSV    |
      | XLSX   |
      | PDF    |

  Escenario: Solo los gerentes pueden programar informes (regla incumplida)
    Dado que el usuario tiene acceso a «Informes»
    Y se aplica el criterio: Solo los gerentes pueden programar informes
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

  Escenario: Solo los gerentes pueden programar informes (sin el rol gerente)
    Dado que una persona sin el rol gerente ha iniciado sesión
    Y se aplica el criterio: Solo los gerentes pueden programar informes
    Cuando intenta hacer lo que permite el criterio
    Entonces el sistema le deniega el acceso
    Y nada cambia

## Informes (parte 2 de 3) [functional] covers 104, 105, 106, 107
# language: es
Característica: Informes

  Escenario: Un informe abarca como máximo 90 días
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Un informe abarca como máximo 90 días

  Escenario: Los gráficos cargan en menos de 2 segundos
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los gráficos cargan en menos de 2 segundos

  Escenario: Los filtros son obligatorios antes de exportar
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los filtros son obligatorios antes de exportar

  Escenario: Los nombres de informe son únicos
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los nombres de informe son únicos

  Esquema del escenario: Un informe abarca como máximo 90 días (límite: como máximo 90 días)
    Dado que el usuario tiene acceso a «Informes»
    Y se aplica el criterio: Un informe abarca como máximo 90 días
    Cuando el valor es <valor> días
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 90    | aceptado  |
      | 91    | rechazado |

  Esquema del escenario: Los gráficos cargan en menos de 2 segundos (límite: menos de 2 segundos)
    Dado que el usuario tiene acceso a «Informes»
    Y se aplica el criterio: Los gráficos cargan en menos de 2 segundos
    Cuando el valor es <valor> segundos
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 1     | aceptado  |
      | 2     | rechazado |

  Escenario: Los filtros son obligatorios antes de exportar (regla incumplida)
    Dado que el usuario tiene acceso a «Informes»
    Y se aplica el criterio: Los filtros son obligatorios antes de exportar
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

## Informes (parte 3 de 3) [functional] covers 108, 109, 110, 111
# language: es
Característica: Informes

  Escenario: Los casos borrados no aparecen
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los casos borrados no aparecen

  Escenario: Cada informe muestra su autor
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Cada informe muestra su autor

  Escenario: Los informes se comparten con un enlace
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los informes se comparten con un enlace

  Escenario: Los totales coinciden con la lista de casos
    Dado que el usuario tiene acceso a «Informes»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los totales coinciden con la lista de casos

