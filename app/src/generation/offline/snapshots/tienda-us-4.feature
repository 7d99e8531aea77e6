## Subir documentos: La subida acepta archivos PDF, PNG y JPG [functional] covers 100
# language: es
Característica: Subir documentos

  Escenario: La subida acepta archivos PDF, PNG y JPG
    Dado que el usuario tiene acceso a «Subir documentos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: La subida acepta archivos PDF, PNG y JPG

  Esquema del escenario: La subida acepta archivos PDF, PNG y JPG (cada opción)
    Dado que el usuario tiene acceso a «Subir documentos»
    Y se aplica el criterio: La subida acepta archivos PDF, PNG y JPG
    Cuando elige <opción>
    Entonces <opción> se trata como indica el criterio

    Ejemplos:
      | opción |
      | PDF    |
      | PNG    |
      | JPG    |

## Subir documentos: El nombre del archivo es requerido [functional] covers 101
# language: es
Característica: Subir documentos

  Escenario: El nombre del archivo es requerido
    Dado que el usuario tiene acceso a «Subir documentos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El nombre del archivo es requerido

  Escenario: El nombre del archivo es requerido (regla incumplida)
    Dado que el usuario tiene acceso a «Subir documentos»
    Y se aplica el criterio: El nombre del archivo es requerido
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

## Subir documentos: Sólo se admiten archivos de hasta 10 MB [functional] covers 102
# language: es
Característica: Subir documentos

  Escenario: Sólo se admiten archivos de hasta 10 MB
    Dado que el usuario tiene acceso a «Subir documentos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Sólo se admiten archivos de hasta 10 MB

  Esquema del escenario: Sólo se admiten archivos de hasta 10 MB (límite: hasta 10 MB)
    Dado que el usuario tiene acceso a «Subir documentos»
    Y se aplica el criterio: Sólo se admiten archivos de hasta 10 MB
    Cuando el valor es <valor> MB
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 10    | aceptado  |
      | 11    | rechazado |

  Escenario: Sólo se admiten archivos de hasta 10 MB (regla incumplida)
    Dado que el usuario tiene acceso a «Subir documentos»
    Y se aplica el criterio: Sólo se admiten archivos de hasta 10 MB
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

