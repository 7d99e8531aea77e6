## Condiciones: Los clientes deben tener al menos 18 años; cada cláusula que redactaron los abogados aparece en la lista,… [functional] covers 100
# language: es
Característica: Condiciones

  Escenario: Los clientes deben tener al menos 18 años; cada cláusula que redactaron los abogados aparece en la…
    Dado que el usuario tiene acceso a «Condiciones»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los clientes deben tener al menos 18 años; cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusu…

  Esquema del escenario: Los clientes deben tener al menos 18 años; cada cláusula qu… (límite: al menos 18 años)
    Dado que el usuario tiene acceso a «Condiciones»
    Y se aplica el criterio: Los clientes deben tener al menos 18 años; cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusu…
    Cuando el valor es <valor> años
    Entonces el valor es <resultado>

    Ejemplos:
      | valor | resultado |
      | 18    | aceptado  |
      | 17    | rechazado |

  Escenario: Los clientes deben tener al menos 18 años; cada cláusula qu… (regla incumplida)
    Dado que el usuario tiene acceso a «Condiciones»
    Y se aplica el criterio: Los clientes deben tener al menos 18 años; cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusula que redactaron los abogados aparece en la lista, cada cláusu…
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

## Condiciones: Las condiciones se abren en otra pestaña [functional] covers 101
# language: es
Característica: Condiciones

  Escenario: Las condiciones se abren en otra pestaña
    Dado que el usuario tiene acceso a «Condiciones»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Las condiciones se abren en otra pestaña

