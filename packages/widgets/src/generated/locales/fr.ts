
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'action.retry': `Réessayer`,
'action.search': `Chercher`,
'field.country': `Pays`,
'field.kind': `Type`,
'field.search': `Rechercher`,
'field.status': `Statut`,
'field.theme': `Thème`,
'problem.closed': `Cette pétition est close et n’accepte plus de signatures. Merci de votre intérêt.`,
'problem.invalid': `Certaines informations envoyées ne sont pas valides.`,
'problem.not-found': `Nous ne l’avons pas trouvé. Il a peut-être été déplacé ou supprimé.`,
'problem.offline': `Vous semblez hors ligne. Vérifiez votre connexion, puis réessayez.`,
'problem.rate-limited': `Trop de tentatives depuis votre connexion. Patientez un instant, puis réessayez.`,
'problem.rate-limited-wait': str`Trop de tentatives depuis votre connexion. Patientez ${0}, puis réessayez.`,
'problem.server': `Une erreur est survenue de notre côté. Veuillez réessayer.`,
'projects.all-countries': `Tous les pays`,
'projects.all-statuses': `Tous les statuts`,
'projects.all-themes': `Tous les thèmes`,
'projects.budget': `Budget`,
'projects.count': str`Projets affichés : ${0}`,
'projects.empty': `Aucun projet ne correspond à ces filtres.`,
'projects.filters': `Filtrer les projets`,
'projects.from': str`Du ${0}`,
'projects.hide': `Masquer les détails`,
'projects.more': `Afficher plus de projets`,
'projects.organisations': `Organisations`,
'projects.show': `Voir les détails`,
'projects.themes': `Thèmes`,
'projects.title': `Projets de gouvernance`,
'projects.until': str`au ${0}`,
'projects.website': `Site du projet`,
'resources.all': `Toutes les ressources`,
'resources.all-kinds': `Tous les types`,
'resources.count': str`Ressources affichées : ${0}`,
'resources.download': `Télécharger`,
'resources.empty': `Aucune ressource ne correspond à ces filtres.`,
'resources.filters': `Filtrer les ressources`,
'resources.join': `Rejoindre le webinaire`,
'resources.learning': `Apprentissage`,
'resources.library': `Bibliothèque`,
'resources.more': `Afficher plus de ressources`,
'resources.open': `Ouvrir`,
'resources.play': `Lire la vidéo`,
'resources.play-notice': `Le lecteur est chargé depuis un autre site quand vous lancez la lecture.`,
'resources.published': str`Publié le ${0}`,
'resources.recording': `Voir l’enregistrement`,
'resources.title': `Ressources`,
'resources.upcoming': `Webinaires à venir`,
    };
  