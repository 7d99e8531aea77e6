## Administración de proyectos (parte 1 de 3) [functional] covers 100, 101
# language: es
Característica: Administración de proyectos

  Escenario: Solo los administradores pueden borrar un proyecto
    Dado que el usuario tiene acceso a «Administración de proyectos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Solo los administradores pueden borrar un proyecto

  Escenario: Los gerentes pueden archivar proyectos
    Dado que el usuario tiene acceso a «Administración de proyectos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Los gerentes pueden archivar proyectos

  Escenario: Solo los administradores pueden borrar un proyecto (regla incumplida)
    Dado que el usuario tiene acceso a «Administración de proyectos»
    Y se aplica el criterio: Solo los administradores pueden borrar un proyecto
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

  Escenario: Solo los administradores pueden borrar un proyecto (sin el rol administrador)
    Dado que una persona sin el rol administrador ha iniciado sesión
    Y se aplica el criterio: Solo los administradores pueden borrar un proyecto
    Cuando intenta hacer lo que permite el criterio
    Entonces el sistema le deniega el acceso
    Y nada cambia

  Escenario: Los gerentes pueden archivar proyectos (sin el rol gerente)
    Dado que una persona sin el rol gerente ha iniciado sesión
    Y se aplica el criterio: Los gerentes pueden archivar proyectos
    Cuando intenta hacer lo que permite el criterio
    Entonces el sistema le deniega el acceso
    Y nada cambia

## Administración de proyectos: Un invitado no puede editar proyectos [functional] covers 102
# language: es
Característica: Administración de proyectos

  Escenario: Un invitado no puede editar proyectos
    Dado que el usuario tiene acceso a «Administración de proyectos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: Un invitado no puede editar proyectos

  Escenario: Un invitado no puede editar proyectos (regla incumplida)
    Dado que el usuario tiene acceso a «Administración de proyectos»
    Y se aplica el criterio: Un invitado no puede editar proyectos
    Cuando hace algo que incumple la regla
    Entonces el sistema lo rechaza con un mensaje claro
    Y no se guarda nada

  Escenario: Un invitado no puede editar proyectos (sin el rol invitado)
    Dado que una persona sin el rol invitado ha iniciado sesión
    Y se aplica el criterio: Un invitado no puede editar proyectos
    Cuando intenta hacer lo que permite el criterio
    Entonces el sistema le deniega el acceso
    Y nada cambia

## Administración de proyectos: El nombre de usuario es único [functional] covers 103
# language: es
Característica: Administración de proyectos

  Escenario: El nombre de usuario es único
    Dado que el usuario tiene acceso a «Administración de proyectos»
    Cuando actúa como describe el criterio, con datos válidos
    Entonces el resultado cumple: El nombre de usuario es único

