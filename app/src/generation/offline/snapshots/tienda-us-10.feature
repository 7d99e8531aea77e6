## Boletín [functional] covers nothing
# language: es
Característica: Boletín

  Escenario: Boletín
    Dado que el usuario actúa como comprador
    Cuando intenta suscribirme al boletín
    Entonces logra su objetivo: enterarme de las ofertas

